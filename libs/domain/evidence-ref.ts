const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An evidence entry of a command is an uploaded file's id (a UUID) or a plain description
 * (纸质材料已报送, a link): the API checks the ids, the web UI shows them as download links.
 */
export const isEvidenceFileId = (ref: string): boolean => FILE_ID.test(ref);
