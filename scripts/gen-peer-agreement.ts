/** Writes docs/peer-agreement.md: how Kubeward agrees with the peers' own test fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, renderReport } from './peers/peer-agreement';

const root = path.resolve(__dirname, '..', '..');
const outcomes = evaluate(root);
fs.writeFileSync(path.join(root, 'docs', 'peer-agreement.md'), renderReport(outcomes));
const agree = outcomes.filter((o) => o.agrees).length;
console.log(`wrote docs/peer-agreement.md: ${agree} of ${outcomes.length} peer expectations agree`);
