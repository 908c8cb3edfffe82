import { readFileSync } from 'node:fs';
import { trainModel } from './src/classifier/train.ts';
import { analyse } from './src/classifier/analyse.ts';
import { vectorise, logits } from './src/classifier/model.ts';
const rows = readFileSync('../shared/data/kursk-appeals.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
const preds:string[]=[]; const gold:string[]=[];
const t0=performance.now();
for (let f=0;f<5;f++){
  const tr=rows.filter((_:unknown,i:number)=>i%5!==f), te=rows.filter((_:unknown,i:number)=>i%5===f);
  const t1=performance.now();
  const m=trainModel(tr.map((r:any)=>({text:r.text,sector:r.sector})), {calibrate: f===0});
  if(f===0) console.log('train ms',performance.now()-t1,'T',m.temperature,'feats',m.index.size);
  for(const r of te){const z=logits(m,vectorise(m,analyse(r.text).counts));let bi=0;z.forEach((v,i)=>{if(v>(z[bi]??0))bi=i});preds.push(m.classes[bi]!);gold.push(r.sector);}
}
const cls=[...new Set(gold)];let acc=0;gold.forEach((g,i)=>{if(g===preds[i])acc++});
let f1s=0;for(const c of cls){let tp=0,fp=0,fn=0;gold.forEach((g,i)=>{const p=preds[i];if(p===c&&g===c)tp++;else if(p===c)fp++;else if(g===c)fn++;});const f1=tp?2*tp/(2*tp+fp+fn):0;f1s+=f1;console.log(c,f1.toFixed(2))}
console.log('acc',acc/gold.length,'macroF1',f1s/cls.length, 'total ms', performance.now()-t0);
