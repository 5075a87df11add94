// One whole-process run of Citation.js (citeproc-js), for benchmarks/render.py.
//
// usage: node citejs_bench.mjs MODULES_DIR ITEMS.json STYLE.csl LABEL LOCATOR
//   MODULES_DIR  the folder holding node_modules/@citation-js (e.g. $VALIDATORS_HOME/js)
//
// Drives the citeproc-js engine that @citation-js/plugin-csl builds, directly: every item
// registered, then one processCitationCluster per citation in document order (each its own
// note), then makeBibliography; HTML output, en-US. Prints
// {"citations": [...], "bibliography": [...]} on stdout; a citation re-rendered by a later
// cluster (ibid and the like) keeps its latest text.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const [modulesDir, itemsPath, stylePath, label, locator] = process.argv.slice(2)
const require = createRequire(join(modulesDir, 'package.json'))
const { plugins } = require('@citation-js/core')
require('@citation-js/plugin-csl')

const items = JSON.parse(readFileSync(itemsPath, 'utf8'))
const config = plugins.config.get('@csl')
config.styles.add('bench', readFileSync(stylePath, 'utf8'))
const engine = config.engine(items, 'bench', 'en-US', 'html')
engine.updateItems(items.map((item) => item.id))

const citations = new Array(items.length).fill('')
const before = []
items.forEach((item, index) => {
  const citation = {
    citationID: 'c' + index,
    citationItems: [{ id: item.id, label, locator }],
    properties: { noteIndex: index + 1 },
  }
  const [, updated] = engine.processCitationCluster(citation, before, [])
  for (const [position, text] of updated) citations[position] = text
  before.push(['c' + index, index + 1])
})
const [, entries] = engine.makeBibliography()
process.stdout.write(JSON.stringify({ citations, bibliography: entries }))
