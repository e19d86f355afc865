/**
 * The publication, named once (data/publication.csv, validated by the
 * pipeline into src/generated/publication.json): who publishes the site, how
 * to reach them for a correction, the licence of our work and where the
 * source lives. Every credit, citation, footer and metadata field reads it
 * from here, never from the site's address. (What is said about a record,
 * whichever it is, lives in ./publication-record.ts, which the scripts use
 * before anything is generated.)
 */
import publicationJson from "../generated/publication.json";
import type { Publication } from "./schema.ts";

export { addressText, correctionsHref, LICENCES, licenceOf, placeholderFields } from "./publication-record.ts";

/** The publication record of this build. */
export const publication: Publication = publicationJson as Publication;
