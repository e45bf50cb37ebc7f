// What the app's database holds, read by a test without the app: each
// kind's records counted whether kept one per record in their own store or
// grouped per client in `segments` (crates/ui/src/store/segments.rs: the
// key's first part names the kind's store; the records are one JSON array,
// a string before schema version 10 and its UTF-8 bytes since).

/** In `page`: per object store (segments counted under their kind's
 * store), how many records the database holds, and the ids of those kept
 * in segments. Never creates the database. */
export async function storedRecords(page) {
  return page.evaluate(() => new Promise((done, fail) => {
    const request = indexedDB.open("stillpoint");
    request.onupgradeneeded = () => request.transaction.abort();
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names);
      const counts = {};
      const ids = {};
      for (const name of names.filter((name) => name !== "segments")) {
        const count = tx.objectStore(name).count();
        count.onsuccess = () => { counts[name] = (counts[name] ?? 0) + count.result; };
      }
      if (names.includes("segments")) {
        const all = tx.objectStore("segments").getAll();
        all.onsuccess = () => {
          for (const segment of all.result) {
            const kind = segment.key.split("/")[0];
            const text = typeof segment.records === "string"
              ? segment.records
              : new TextDecoder().decode(segment.records);
            const records = JSON.parse(text);
            counts[kind] = (counts[kind] ?? 0) + records.length;
            ids[kind] = [...(ids[kind] ?? []), ...records.map((record) => record.id)];
          }
        };
      }
      tx.oncomplete = () => { db.close(); done({ counts, ids }); };
    };
  }));
}
