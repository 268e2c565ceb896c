/** Tables of the registry domain; filled in with its migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegistryTables {}
