// Counts the triples or quads of an RDF file with N3.js (an RDF 1.2 parser independent of
// oxigraph): `node n3_count.js FILE FORMAT` with FORMAT N-Triples, N-Quads, Turtle or TriG.
// Prints the count, then the number of triple terms among the objects. Used by
// tests/cli/exports.rs; .ci/run installs the `n3` package.
'use strict';
const fs = require('fs');
const N3 = require('n3');

const [file, format] = process.argv.slice(2);
const parser = new N3.Parser({ format });
const quads = parser.parse(fs.readFileSync(file, 'utf8'));
const tripleTerms = quads.filter((q) => q.object.termType === 'Quad').length;
console.log(`${quads.length} ${tripleTerms}`);
