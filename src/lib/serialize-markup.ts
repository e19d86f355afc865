/**
 * Serialises a server-side DOM tree (linkedom) to markup, escaping every
 * text and attribute value properly. linkedom's own outerHTML escapes only
 * `"` in attribute values of HTML documents, so a data string holding `&` or
 * `<` (in a label, an aria-label, a title) would reach the page raw: read as
 * a character reference by a browser, and invalid XML for the share-image
 * rasteriser. The output is valid both as HTML and as XML.
 */

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': "&quot;" };

/** Text content, escaped for HTML and XML. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => TEXT_ESCAPES[char]!);
}

/** An attribute value, escaped for a double-quoted attribute in HTML and XML. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (char) => ATTRIBUTE_ESCAPES[char]!);
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** The markup of an element and everything inside it (attributes in document order). Comments are dropped. */
export function serializeMarkup(node: Node): string {
  if (node.nodeType === TEXT_NODE) return escapeText(node.textContent ?? "");
  if (node.nodeType !== ELEMENT_NODE) return "";
  const element = node as Element;
  const name = element.tagName.toLowerCase() === element.tagName ? element.tagName : element.localName;
  const attributes = Array.from(element.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join("");
  const children = Array.from(element.childNodes).map(serializeMarkup).join("");
  // Empty SVG elements close themselves, as in XML (and in HTML's foreign content).
  if (children === "" && element.namespaceURI === SVG_NAMESPACE) return `<${name}${attributes} />`;
  return `<${name}${attributes}>${children}</${name}>`;
}
