/** A 20-byte address, always lower-case 0x-hex inside the keeper (converted at the edges). */
export type Address = string;
