import { readFileSync } from 'node:fs';
import { normalise } from './src/classifier/normalise.ts';
import { transliterate } from './src/classifier/translit.ts';
import { tokenise, extractFeatures } from './src/classifier/features.ts';
const rows = readFileSync('../shared/data/kursk-appeals.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
const texts=rows.map((r:any)=>r.text as string);
for (let rep=0;rep<2;rep++){
let t=performance.now(); const n=texts.map(normalise); console.log('norm', performance.now()-t);
t=performance.now(); const tr=n.map(x=>transliterate(x.text)); console.log('translit', performance.now()-t);
t=performance.now(); const tk=tr.map(tokenise); console.log('tok', performance.now()-t);
t=performance.now(); const f=tk.map(extractFeatures); console.log('feat', performance.now()-t, f.reduce((a,m)=>a+m.size,0)/f.length);
}
