/**
 * Remark plugin for the story's MDX: numbers each `<Cite />` in reading
 * order (`n="1"`, `n="2"`, …), so that the component can link its marker to
 * its footnote without a counter shared between renders. src/lib/story-sources.ts
 * (storyNotes) numbers the notes in the same order from the source text.
 */

/**
 * @param {any} node
 * @param {(node: any) => void} visit
 */
function walk(node, visit) {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** @returns {(tree: any) => void} */
export function remarkCiteNumbers() {
  return (tree) => {
    let count = 0;
    walk(tree, (node) => {
      if ((node.type === "mdxJsxTextElement" || node.type === "mdxJsxFlowElement") && node.name === "Cite") {
        count += 1;
        node.attributes.push({ type: "mdxJsxAttribute", name: "n", value: String(count) });
      }
    });
  };
}
