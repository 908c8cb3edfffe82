import { readFileSync } from 'node:fs';
import { analyse } from './src/classifier/analyse.ts';
import { trainModel } from './src/classifier/train.ts';
const rows = readFileSync('../shared/data/kursk-appeals.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
let t=performance.now(); for(const r of rows) analyse(r.text); console.log('analyse cold', performance.now()-t);
t=performance.now(); for(const r of rows) analyse(r.text); console.log('analyse warm', performance.now()-t);
t=performance.now(); trainModel(rows,{calibrate:false}); console.log('train nocal', performance.now()-t);
t=performance.now(); trainModel(rows,{calibrate:true}); console.log('train cal', performance.now()-t);
