/** Stored (uncompressed) cabinets for tests, laid out as MS-CAB describes them. */
/** A one-folder stored cabinet holding `files` (each at most 32 KiB). */
export function buildCab(files: { name: string; data: Buffer }[], setId = 0x1234): Buffer {
  const cfFiles = files.map((f, i) => {
    const h = Buffer.alloc(16);
    const start = files.slice(0, i).reduce((n, g) => n + g.data.length, 0);
    h.writeUInt32LE(f.data.length, 0);
    h.writeUInt32LE(start, 4);
    h.writeUInt16LE(0, 8); // iFolder
    h.writeUInt16LE(0x5a21, 10); // date
    h.writeUInt16LE(0x6000, 12); // time
    h.writeUInt16LE(0x20, 14); // attribs: archive
    return Buffer.concat([h, Buffer.from(`${f.name}\0`, 'latin1')]);
  });
  const payload = Buffer.concat(files.map((f) => f.data));
  const data = Buffer.alloc(8);
  data.writeUInt32LE(0, 0); // csum 0: not checked
  data.writeUInt16LE(payload.length, 4);
  data.writeUInt16LE(payload.length, 6);
  const coffFiles = 36 + 8;
  const coffData = coffFiles + cfFiles.reduce((n, b) => n + b.length, 0);
  const total = coffData + 8 + payload.length;
  const header = Buffer.alloc(36);
  header.write('MSCF', 0, 'latin1');
  header.writeUInt32LE(total, 8);
  header.writeUInt32LE(coffFiles, 16);
  header[24] = 3;
  header[25] = 1;
  header.writeUInt16LE(1, 26); // cFolders
  header.writeUInt16LE(files.length, 28);
  header.writeUInt16LE(0, 30); // flags
  header.writeUInt16LE(setId, 32);
  const folder = Buffer.alloc(8);
  folder.writeUInt32LE(coffData, 0);
  folder.writeUInt16LE(1, 4); // one CFDATA block
  folder.writeUInt16LE(0, 6); // no compression
  return Buffer.concat([header, folder, ...cfFiles, data, payload]);
}
