import { readFileSync } from 'node:fs';
import { analyse } from './src/classifier/analyse.ts';
import { detectUrgency } from './src/classifier/urgency.ts';
import { detectSpam } from './src/classifier/spam.ts';
import { applyRules, compileRules, ruleWords } from './src/classifier/rules.ts';
import { DEFAULT_SECTORS } from './src/classifier/default-catalogue.ts';
import { shippedModel } from './src/classifier/corpus.ts';
import { vectorise, logits } from './src/classifier/model.ts';
const rows = readFileSync('../shared/data/kursk-appeals.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
const texts=rows.map((r:any)=>r.text as string);
const rules=compileRules(DEFAULT_SECTORS); const m=shippedModel();
const time=(n:string,f:()=>void)=>{const t=performance.now();f();console.log(n,((performance.now()-t)*1000/texts.length).toFixed(1),'µs');};
for(let rep=0;rep<2;rep++){
let as:any[]=[];
time('analyse',()=>{as=texts.map(analyse)});
time('urg',()=>{for(const a of as)detectUrgency(a.norm.text)});
time('spam',()=>{for(const a of as)detectSpam(a.norm.text,0)});
time('rules',()=>{for(const a of as)applyRules(rules,ruleWords(a.tokens.words))});
time('model',()=>{for(const a of as)logits(m,vectorise(m,a.counts))});
}
