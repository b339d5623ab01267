// Small XLSForm workbooks (.xlsx) for the browser tests of the survey import:
// a zip of stored parts whose cells are inline strings, as a spreadsheet
// program could write them.
import { Buffer } from 'node:buffer';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));

function sheetXml(rows) {
  const body = rows.map((r, i) => `<row r="${i + 1}">` + r.map((v, j) => (v === ''
    ? '' : `<c r="${column(j)}${i + 1}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`)).join('') + '</row>').join('');
  return `<worksheet ${NS}><sheetData>${body}</sheetData></worksheet>`;
}

// An .xlsx of `sheets`: { survey: [[...], ...], choices: [...], settings: [...] }.
export function xlsx(sheets) {
  const names = Object.keys(sheets);
  const entries = [
    ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook ${NS} xmlns:r="${REL}"><sheets>` + names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + names.map((n, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') + '</Relationships>'],
    ...names.map((n, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheets[n])]),
  ];
  return zip(entries);
}

// A form with problems on every sheet: an unsupported type, a column that
// changes meaning, a list that is missing, a "show if" that does not parse.
export const formWithProblems = () => xlsx({
  survey: [
    ['type', 'name', 'label', 'label::Arabic (ar)', 'relevant', 'calculation'],
    ['text', 'name', 'Your name', 'اسمك', '', ''],
    ['geopoint', 'where', 'Where do you work?', 'أين تعمل؟', '', ''],
    ['calculate', 'twice', '', '', '', '${age} * 2'],
    ['select_one nowhere', 'pick', 'Pick one', 'اختر واحدًا', '', ''],
    ['text', 'why', 'Why?', 'لماذا؟', '${name', ''],
    ['begin repeat', 'children', 'Children', 'الأطفال', '', ''],
  ],
  choices: [['list_name', 'name', 'label'], ['yn', 'yes', 'Yes'], ['yn', 'yes', 'Yes again']],
});

// A good form in Arabic and English.
export const goodForm = () => xlsx({
  survey: [
    ['type', 'name', 'label::Arabic (ar)', 'label::English (en)', 'required', 'relevant'],
    ['select_one yn', 'using', 'هل تستخدم المهارات التي اكتسبتها؟', 'Do you use the skills you acquired?', 'yes', ''],
    ['text', 'how', 'كيف؟', 'How?', '', "${using} = 'yes'"],
  ],
  choices: [['list_name', 'name', 'label::Arabic (ar)', 'label::English (en)'], ['yn', 'yes', 'نعم', 'Yes'], ['yn', 'no', 'لا', 'No']],
  settings: [['form_title', 'default_language'], ['متابعة بعد ثلاثة أشهر', 'Arabic (ar)']],
});
