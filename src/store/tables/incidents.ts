/** Tables of the incidents domain; filled in with its migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IncidentTables {}
