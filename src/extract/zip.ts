import type { Handler } from './node.js';
import { openZip } from './zip-reader.js';
import type { ZipArchive } from './zip-reader.js';
import { isOdf, readOdf } from './odf.js';
import { ooxmlKind, readOoxml } from './ooxml/index.js';

/**
 * Zip archives: Office Open XML and OpenDocument files go to their readers, anything else has each member
 * extracted one level deeper. Members are read one at a time so memory stays at one member.
 *
 * @example
 * await zipHandler(node); // parts like report.zip/2024/予算.docx/word/document.xml
 */
export const zipHandler: Handler = async (node) => {
  const zip = await openZip(node.bytes, node.sink.budget);
  try {
    if (zip.listingError) node.sink.fail(node.path, zip.listingError);
    const names = zip.members.map((m) => m.name);
    const office = ooxmlKind(names);
    if (office) await readOoxml(node, zip, office);
    else if (isOdf(names)) await readOdf(node, zip);
    else await readMembers(node, zip);
  } finally {
    zip.close();
  }
};

async function readMembers(node: Parameters<Handler>[0], zip: ZipArchive): Promise<void> {
  for (const member of zip.members) {
    if (member.isDirectory) continue;
    // The error that spent the shared budget is already recorded once; repeating it per member says nothing.
    if (node.sink.budget.exhausted) return;
    // Past the deadline this throws, and the dispatcher records the timeout against this archive.
    node.sink.budget.checkTime();
    let data: Buffer;
    try {
      data = await zip.read(member);
    } catch (e) {
      node.sink.fail(node.child(member.name), e);
      continue;
    }
    await node.nested(data, member.name);
  }
}

