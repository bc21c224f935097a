// Times compromise's name detection (.people()) over a corpus, line by
// line as `peervoice redact` reads it, and prints bytes, seconds and MB/s
// as one JSON line for run.sh.
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

const path = process.argv[2];
const text = readFileSync(path, 'utf8');
const lines = text.split('\n');
const start = process.hrtime.bigint();
let people = 0;
for (const line of lines) {
  people += nlp(line).people().length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const bytes = Buffer.byteLength(text);
console.log(JSON.stringify({ bytes, seconds, mbps: bytes / 1e6 / seconds, people }));
