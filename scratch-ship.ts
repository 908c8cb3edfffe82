import { readFileSync } from 'node:fs';
import { createClassifier } from './src/classifier/pipeline.ts';
import { DEFAULT_SECTORS } from './src/classifier/default-catalogue.ts';
const rows = readFileSync('../shared/data/kursk-appeals.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
for (const rw of (process.env.RW ?? '0,1.2').split(',').map(Number)) {
const t0=performance.now();
const clf=createClassifier({catalogue:DEFAULT_SECTORS, ruleWeight: rw});
const t1=performance.now();
const preds=rows.map((r:any)=>clf.classify(r.text).sector), gold=rows.map((r:any)=>r.sector);
const cls=[...new Set(gold)];let acc=0;gold.forEach((g,i)=>{if(g===preds[i])acc++});
let f1s=0;const per:string[]=[];for(const c of cls){let tp=0,fp=0,fn=0;gold.forEach((g,i)=>{const p=preds[i];if(p===c&&g===c)tp++;else if(p===c)fp++;else if(g===c)fn++;});const f1=tp?2*tp/(2*tp+fp+fn):0;f1s+=f1;per.push(c+':'+f1.toFixed(2))}
console.log('rw',rw,'init ms',(t1-t0).toFixed(0),'acc',(acc/gold.length).toFixed(3),'macroF1',(f1s/cls.length).toFixed(3), per.join(' '), 'µs/msg', ((performance.now()-t1)*1000/rows.length).toFixed(0));
}
