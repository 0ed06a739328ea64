/**
 * A recording's audio comes from the core in base64 slices of at most 512 KiB (the contract's cap,
 * so one reply never holds a whole long call); they are fetched in order and joined into one Blob.
 * Only the first slice (offset 0) is audited by the hub as a playback or a download.
 */
export const SLICE_BYTES = 512 * 1024;

export interface AudioSliceReply {
  total: number;
  data: string;
}

export type FetchSlice = (offset: number, length: number) => Promise<AudioSliceReply>;

/** The bytes of a base64 text (the browser's atob; no Node Buffer in the renderer). */
export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Every slice from offset 0 until `total` bytes are in. A slice that brings nothing before the end,
 * or a total that changes midway, is an error rather than a loop or a spliced file.
 */
export async function fetchAllSlices(
  fetchSlice: FetchSlice,
  sliceBytes = SLICE_BYTES,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let total: number | null = null;
  do {
    const reply = await fetchSlice(offset, sliceBytes);
    if (total === null) total = reply.total;
    else if (reply.total !== total)
      throw new Error(`the recording changed while loading (${total} → ${reply.total} bytes)`);
    const bytes = base64Bytes(reply.data);
    if (bytes.length === 0 && offset < total) throw new Error(`the hub sent no audio at byte ${offset} of ${total}`);
    if (bytes.length > sliceBytes) throw new Error(`a slice of ${bytes.length} bytes is over the ${sliceBytes} asked`);
    parts.push(bytes);
    offset += bytes.length;
  } while (offset < total);
  if (offset !== total) throw new Error(`got ${offset} bytes of a ${total}-byte recording`);
  return parts;
}

/** The whole recording as one Blob of its media type. */
export async function loadAudioBlob(fetchSlice: FetchSlice, mediaType: string): Promise<Blob> {
  return new Blob(await fetchAllSlices(fetchSlice), { type: mediaType });
}
