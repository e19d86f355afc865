/**
 * The rows of data/ that code looks up by id: the pipeline's cross-checks,
 * the charts, our calculations and the pages. Renaming one of these ids in a
 * CSV file means changing it here, once.
 */
export const ROW_IDS = {
  /** figures.csv: the reported total of substantiated breaches. */
  metTotal: "met-breaches-total",
  /** figures.csv: the reported share that ended in a sacking or retirement. */
  sackedOrRetiredShare: "met-share-sacked-or-retired",
  /** periods.csv: the period of the Met figures. */
  metPeriod: "met-2009-2013",
  /** periods.csv: the period of Big Brother Watch's national figures. */
  nationalPeriod: "bbw-2011-2015",
  /** outcomes.csv: the group that ended in formal action. */
  formalAction: "formal-action",
} as const;
