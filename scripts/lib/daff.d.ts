/** The few parts of daff (https://github.com/paulfitz/daff, no types of its own) that data-diff.ts uses. */
declare module "daff" {
  type Cell = string | number | boolean | null;
  interface Table {
    readonly data: Cell[][];
  }
  interface Daff {
    TableView: new (data: Cell[][]) => Table;
    CompareFlags: new () => {
      addPrimaryKey(column: string): void;
      show_unchanged: boolean;
      unchanged_context: number;
      ordered: boolean;
    };
    compareTables(a: Table, b: Table, flags: InstanceType<Daff["CompareFlags"]>): { align(): unknown };
    TableDiff: new (
      alignment: unknown,
      flags: InstanceType<Daff["CompareFlags"]>,
    ) => { hilite(output: Table): boolean };
  }
  const daff: Daff;
  export default daff;
}
