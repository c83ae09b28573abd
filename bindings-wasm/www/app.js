// antq demo: a unit's self-assessment against Circular 124/2021/TT-BCA, updated as you
// type, and a province view of a dataset. Everything runs in the page (WebAssembly);
// nothing is sent anywhere. The form is built from the rule set's own criteria.
import init, * as antq from './pkg/antq.js';

// Circular 124 by family: each year is reviewed under the text in force then (the 2021
// text, or as amended by Circular 48/2025 from the reform of 1/7/2025).
const RULES_FAMILY = 'vn.c124';
const rulesByYear = new Map();
/** The rule set in force for `year` (a JS `AntqError` result when none is). */
function rulesFor(year) {
  if (!rulesByYear.has(year)) rulesByYear.set(year, antq.RuleSet.tryResolve(RULES_FAMILY, year));
  return rulesByYear.get(year);
}
const YEARS = [2022, 2023, 2024, 2025, 2026];
const SUBKINDS = {
  residential_area: ['thon', 'to_dan_pho', 'khu_pho', 'ap', 'ban', 'lang', 'buon', 'phum', 'soc', 'khom'],
  commune: ['xa', 'phuong', 'thi_tran', 'dac_khu'],
  agency: ['civil', 'armed_forces'],
  enterprise: ['medium', 'large', 'small', 'micro'],
  school: ['lower_secondary', 'upper_secondary', 'multi_level', 'vocational', 'higher', 'primary', 'kindergarten', 'creche'],
};

const I18N = {
  vi: {
    title: 'antq — Phong trào Toàn dân bảo vệ an ninh Tổ quốc',
    tabSelf: 'Tự đánh giá', tabProvince: 'Toàn tỉnh', loading: 'Đang tải…', ready: 'Sẵn sàng. Mọi tính toán chạy ngay trong trình duyệt.',
    unitLegend: 'Đơn vị', unitKind: 'Loại đơn vị', year: 'Năm đánh giá', subkind: 'Phân loại', size: 'Quy mô', level: 'Cấp học', armed: 'Lực lượng',
    evidenceLegend: 'Kết quả thực hiện', unknownHint: 'Ô để trống nghĩa là chưa biết (không phải bằng 0).',
    attestedLegend: 'Nội dung do Hội nghị đánh giá xác nhận', incidentsLegend: 'Vụ việc xảy ra', addIncident: 'Thêm vụ việc', remove: 'Xóa',
    windowHint: (w) => `Chỉ tính vụ việc từ ${w.start} đến ${w.end}.`,
    childrenLegend: 'Đơn vị trực thuộc (mô phỏng)', childrenHint: 'Tiêu chí 4 tính trên kết quả của các khu dân cư, cơ quan, doanh nghiệp, nhà trường do xã quản lý. Nhập số lượng để mô phỏng.',
    childrenTotal: 'Số đơn vị thuộc phạm vi', childrenRegistered: 'Số đơn vị đã đăng ký', childrenRecognised: 'Số đơn vị được công nhận đạt',
    criteria: 'Tiêu chí', missing: 'Còn thiếu', nothingMissing: 'Không thiếu thông tin nào.', plainText: 'Giải thích dạng văn bản',
    unknown: 'Chưa biết', yes: 'Có', no: 'Không', yesAtt: 'Đạt', noAtt: 'Không đạt',
    met: 'đạt', window: 'Kỳ đánh giá', recognisedBy: 'Cấp công nhận', ruleSet: 'Bộ tiêu chí', observed: 'ghi nhận', needs: 'yêu cầu',
    optional: 'không bắt buộc', illustrative: 'Dựa trên giá trị minh họa',
    kinds: { residential_area: 'Khu dân cư', commune: 'Xã, phường, đặc khu', agency: 'Cơ quan', enterprise: 'Doanh nghiệp', school: 'Cơ sở giáo dục' },
    sub: {
      thon: 'Thôn', to_dan_pho: 'Tổ dân phố', khu_pho: 'Khu phố', ap: 'Ấp', ban: 'Bản', lang: 'Làng', buon: 'Buôn', phum: 'Phum', soc: 'Sóc', khom: 'Khóm',
      xa: 'Xã', phuong: 'Phường', thi_tran: 'Thị trấn', dac_khu: 'Đặc khu', civil: 'Cơ quan dân sự', armed_forces: 'Lực lượng vũ trang',
      medium: 'Vừa', large: 'Lớn', small: 'Nhỏ', micro: 'Siêu nhỏ',
      lower_secondary: 'Trung học cơ sở', upper_secondary: 'Trung học phổ thông', multi_level: 'Nhiều cấp học', vocational: 'Giáo dục nghề nghiệp',
      higher: 'Cao đẳng, đại học', primary: 'Tiểu học', kindergarten: 'Mẫu giáo', creche: 'Nhà trẻ',
    },
    loadSample: 'Mở dữ liệu mẫu (tổng hợp)', openFile: 'Mở tệp dữ liệu (.json, .toml)',
    chartCaption: 'Tỷ lệ đơn vị đạt tiêu chuẩn “An toàn về an ninh, trật tự” theo từng xã (vạch: 70%). Màu: kết quả của chính xã (xanh: đạt, đỏ: chưa đạt, vàng: chưa xác định).',
    colCommune: 'Mã', colName: 'Xã, phường', colOutcome: 'Kết quả', colUnits: 'Đơn vị đạt / thuộc phạm vi', colShare: 'Tỷ lệ', colFailed: 'Tiêu chí chưa đạt',
    summary: (n, c) => `${n} đơn vị được đánh giá, ${c} xã, phường.`, synthetic: 'DỮ LIỆU TỔNG HỢP, không phải kết quả thật.',
    noCommunes: 'Không có xã, phường nào được đánh giá trong năm này.',
    footer: 'antq — bộ tiêu chí là dữ liệu (Thông tư 124/2021/TT-BCA). Dữ liệu mẫu là dữ liệu tổng hợp. Không gửi dữ liệu ra ngoài trình duyệt.',
  },
  en: {
    title: 'antq — “All people protect national security” movement',
    tabSelf: 'Self-assessment', tabProvince: 'Province view', loading: 'Loading…', ready: 'Ready. Everything is computed in your browser.',
    unitLegend: 'Unit', unitKind: 'Unit kind', year: 'Review year', subkind: 'Type', size: 'Size', level: 'Level', armed: 'Force',
    evidenceLegend: 'Evidence', unknownHint: 'An empty field means unknown (not zero).',
    attestedLegend: 'Items the review meeting attests', incidentsLegend: 'Incidents', addIncident: 'Add incident', remove: 'Remove',
    windowHint: (w) => `Only incidents from ${w.start} to ${w.end} count.`,
    childrenLegend: 'Units managed (simulated)', childrenHint: 'Criterion 4 depends on the results of the residential areas, agencies, enterprises and schools the commune manages. Enter counts to simulate them.',
    childrenTotal: 'Units in scope', childrenRegistered: 'Of which registered', childrenRecognised: 'Of which recognised as safe',
    criteria: 'Criteria', missing: 'Still missing', nothingMissing: 'Nothing is missing.', plainText: 'Plain-text explanation',
    unknown: 'Unknown', yes: 'Yes', no: 'No', yesAtt: 'Met', noAtt: 'Not met',
    met: 'met', window: 'Window', recognisedBy: 'Recognised by', ruleSet: 'Rule set', observed: 'observed', needs: 'needs',
    optional: 'optional', illustrative: 'Depends on an illustrative default',
    kinds: { residential_area: 'Residential area', commune: 'Commune, ward, special zone', agency: 'Agency', enterprise: 'Enterprise', school: 'School' },
    sub: {
      thon: 'Village (thôn)', to_dan_pho: 'Residential group (tổ dân phố)', khu_pho: 'Quarter (khu phố)', ap: 'Hamlet (ấp)', ban: 'Village (bản)',
      lang: 'Village (làng)', buon: 'Village (buôn)', phum: 'Village (phum)', soc: 'Village (sóc)', khom: 'Quarter (khóm)',
      xa: 'Commune (xã)', phuong: 'Ward (phường)', thi_tran: 'Township (thị trấn)', dac_khu: 'Special zone (đặc khu)',
      civil: 'Civil agency', armed_forces: 'Armed forces', medium: 'Medium', large: 'Large', small: 'Small', micro: 'Micro',
      lower_secondary: 'Lower secondary', upper_secondary: 'Upper secondary', multi_level: 'Multi-level', vocational: 'Vocational',
      higher: 'College or university', primary: 'Primary', kindergarten: 'Kindergarten', creche: 'Crèche',
    },
    loadSample: 'Load the sample province (synthetic)', openFile: 'Open a dataset file (.json, .toml)',
    chartCaption: 'Share of units meeting the standard “Safe in security and order”, per commune (line: 70%). Colour: the commune’s own outcome (green meets, red does not meet, amber undetermined).',
    colCommune: 'Id', colName: 'Commune', colOutcome: 'Outcome', colUnits: 'Units meeting / in scope', colShare: 'Share', colFailed: 'Criteria not met',
    summary: (n, c) => `${n} units evaluated, ${c} communes and wards.`, synthetic: 'SYNTHETIC DATA, not real review results.',
    noCommunes: 'No commune was evaluated in this year.',
    footer: 'antq — the criteria are data (Circular 124/2021/TT-BCA). The sample is synthetic. No data leaves your browser.',
  },
};

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};
const svg = (tag, attrs = {}, ...children) => {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};

const state = {
  lang: 'vi',
  rules: null,
  rulesData: null,
  indicators: new Map(),
  incidents: [],
  province: null,
};
const t = (key) => I18N[state.lang][key];

// ----- the form, from the rule set's criteria -----------------------------------------

/** What a kind's criteria read: indicators, attested keys, incident categories, roll-ups. */
function needsOf(kind) {
  const out = { indicators: [], attested: [], categories: [], children: false };
  const add = (list, x) => { if (!list.some((y) => y.key === x.key)) list.push(x); };
  const walk = (c, test) => {
    switch (test.test) {
      case 'deadline': case 'at_least': case 'at_most': case 'flag':
        add(out.indicators, { key: test.indicator }); break;
      case 'ratio':
        add(out.indicators, { key: test.denominator }); add(out.indicators, { key: test.numerator }); break;
      case 'attested': add(out.attested, { key: test.key ?? c.id, criterion: c }); break;
      case 'no_events': case 'deduction':
        for (const k of test.categories) if (!out.categories.includes(k)) out.categories.push(k);
        break;
      case 'children': out.children = true; break;
      case 'all': case 'any': case 'k_of_n': for (const s of test.of) walk(c, s); break;
      default: break;
    }
  };
  for (const c of state.rulesData.criteria.filter((c) => c.kinds.includes(kind))) walk(c, c.test);
  return out;
}

function field(key) {
  const info = state.indicators.get(key);
  const label = info ? info.label[state.lang] : key;
  let input;
  if (info?.value_type === 'date') input = el('input', { type: 'date', id: `f-${key}`, name: key });
  else if (info?.value_type === 'count') input = el('input', { type: 'number', min: '0', step: '1', id: `f-${key}`, name: key });
  else {
    input = el('select', { id: `f-${key}`, name: key },
      el('option', { value: '' }, t('unknown')), el('option', { value: 'true' }, t('yes')), el('option', { value: 'false' }, t('no')));
  }
  return el('label', { for: `f-${key}` }, el('span', {}, label), input);
}

function attestedField({ key, criterion }) {
  const label = key === criterion.id ? `${criterion.id} — ${criterion.label[state.lang]}` : `${key} — ${criterion.label[state.lang]}`;
  const id = `a-${key.replace(/[^A-Za-z0-9-]/g, '_')}`;
  return el('label', { for: id }, el('span', {}, label),
    el('select', { id, name: `attested:${key}` },
      el('option', { value: '' }, t('unknown')), el('option', { value: 'yes' }, t('yesAtt')), el('option', { value: 'no' }, t('noAtt'))));
}

function categoryLabel(id) {
  const c = state.rulesData.categories?.find((c) => c.id === id);
  return c ? c.label[state.lang] : id;
}

function renderIncidents(categories) {
  const box = $('incidents');
  box.replaceChildren(...state.incidents.map((inc, i) => el('div', { class: 'incident' },
    el('select', { 'aria-label': t('incidentsLegend'), name: `inc-cat-${i}`, onchange: (e) => { inc.category = e.target.value; update(); } },
      categories.map((c) => { const o = el('option', { value: c }, categoryLabel(c)); o.selected = c === inc.category; return o; })),
    el('input', { type: 'date', 'aria-label': 'date', name: `inc-date-${i}`, value: inc.date, oninput: (e) => { inc.date = e.target.value; update(); } }),
    el('button', { type: 'button', onclick: () => { state.incidents.splice(i, 1); buildForm(true); } }, t('remove')))));
}

/** Rebuilds the evidence part of the form for the chosen kind, keeping typed values. */
function buildForm(keep = false) {
  const kept = keep ? formValues() : {};
  const kind = $('kind').value;
  const needs = needsOf(kind);
  $('fields').replaceChildren(...needs.indicators.map((i) => field(i.key)));
  $('attested').replaceChildren(...needs.attested.map(attestedField));
  $('attested-set').hidden = needs.attested.length === 0;
  $('children-set').hidden = !needs.children;
  $('incidents-set').hidden = needs.categories.length === 0;
  state.categories = needs.categories;
  state.incidents = state.incidents.filter((i) => needs.categories.includes(i.category));
  renderIncidents(needs.categories);
  for (const [k, v] of Object.entries(kept)) {
    const input = document.querySelector(`#form [name="${CSS.escape(k)}"]`);
    if (input && !k.startsWith('inc-')) input.value = v;
  }
  update();
}

function formValues() {
  const out = {};
  for (const input of document.querySelectorAll('#form input, #form select')) if (input.name) out[input.name] = input.value;
  return out;
}

function buildSubkinds() {
  const kind = $('kind').value;
  const label = { enterprise: 'size', school: 'level', agency: 'armed' }[kind] ?? 'subkind';
  $('sub-label').textContent = t(label);
  const current = $('subkind').value;
  $('subkind').replaceChildren(...SUBKINDS[kind].map((s) => {
    const o = el('option', { value: s }, t('sub')[s]);
    o.selected = s === current;
    return o;
  }));
}

// ----- the self-assessment dataset -------------------------------------------------------

/** Evidence that passes every test of a kind's criteria (for the simulated children). */
function passingEvidence(unit, kind, year) {
  const ev = { unit, year, attested: {} };
  const resolve = (yd) => {
    const m = /^Y(?:-(\d))?-(\d\d)-(\d\d)$/.exec(yd);
    return m ? `${year - Number(m[1] ?? 0)}-${m[2]}-${m[3]}` : `${year}-01-15`;
  };
  const walk = (c, test) => {
    switch (test.test) {
      case 'deadline': ev[test.indicator] = resolve(test.by); break;
      case 'at_least': ev[test.indicator] = test.min; break;
      case 'at_most': ev[test.indicator] = test.max; break;
      case 'flag': ev[test.indicator] = test.equals; break;
      case 'ratio': ev[test.denominator] = 100; ev[test.numerator] = 100; break;
      case 'attested': ev.attested[test.key ?? c.id] = 'yes'; break;
      case 'all': case 'any': case 'k_of_n': for (const s of test.of) walk(c, s); break;
      default: break;
    }
  };
  for (const c of state.rulesData.criteria.filter((c) => c.kinds.includes(kind))) walk(c, c.test);
  return ev;
}

function unitOf(kind, sub, id, name, parent) {
  const u = { id, name, kind, parent };
  if (kind === 'enterprise') u.size = sub;
  else if (kind === 'school') u.level = sub;
  else if (kind === 'agency') { if (sub === 'armed_forces') u.armed_forces = true; }
  else u.subkind = sub;
  return u;
}

function selfDataset() {
  const kind = $('kind').value;
  const sub = $('subkind').value;
  const year = Number($('year').value);
  const values = formValues();
  const units = [{ id: 'P', name: 'Tỉnh', kind: 'province', subkind: 'tinh' }];
  // Before the 2025 reform a commune sits in a district; from 1 July 2025 in the province.
  const communeParent = year < 2025 ? 'D' : 'P';
  if (year < 2025) units.push({ id: 'D', name: 'Huyện', kind: 'district', subkind: 'huyen', parent: 'P', valid_until: '2025-06-30' });
  const self = kind === 'commune' ? 'C' : 'U';
  units.push(unitOf('commune', kind === 'commune' ? sub : 'xa', 'C', kind === 'commune' ? t('kinds').commune : 'Xã', communeParent));
  if (kind !== 'commune') units.push(unitOf(kind, sub, 'U', t('kinds')[kind], 'C'));

  const ev = { unit: self, year, attested: {} };
  for (const [name, v] of Object.entries(values)) {
    if (v === '' || name.startsWith('inc-') || name.startsWith('ch-') || name === 'kind' || name === 'subkind' || name === 'year') continue;
    if (name.startsWith('attested:')) { ev.attested[name.slice(9)] = v; continue; }
    const info = state.indicators.get(name);
    if (!info) continue;
    if (info.value_type === 'count') { const n = Number(v); if (Number.isFinite(n)) ev[name] = n; }
    else if (info.value_type === 'flag') ev[name] = v === 'true';
    else ev[name] = v;
  }
  const evidence = [ev];
  const incidents = state.incidents.filter((i) => i.date).map((i) => ({ unit: self, date: i.date, category: i.category }));

  if (kind === 'commune') {
    const n = (id) => Math.max(0, Math.min(500, Math.floor(Number($(id).value) || 0)));
    const total = n('ch-total');
    const registered = Math.min(total, n('ch-registered'));
    const recognised = Math.min(registered, n('ch-recognised'));
    for (let i = 1; i <= total; i++) {
      const id = `C-${String(i).padStart(3, '0')}`;
      units.push({ id, name: `Khu dân cư ${i}`, kind: 'residential_area', subkind: 'thon', parent: 'C' });
      const e = passingEvidence(id, 'residential_area', year);
      // Not recognised: the review found one attested item not met.
      const key = Object.keys(e.attested)[0];
      if (i > recognised && key) e.attested[key] = 'no';
      if (i > registered) { delete e.registration_date; e.registered = false; }
      evidence.push(e);
    }
  }
  return { unit: self, data: { format_version: 1, meta: { title: 'self-assessment', synthetic: true }, units, evidence, incidents } };
}

// ----- the result ----------------------------------------------------------------------

function verdictText(o) {
  const labels = {
    out_of_scope: ['Không thuộc phạm vi', 'Out of scope'],
    meets: ['Đạt', 'Meets the standard'], does_not_meet: ['Chưa đạt', 'Does not meet the standard'],
    undetermined: ['Chưa xác định', 'Undetermined'],
  };
  const l = labels[o.status];
  return l ? l[state.lang === 'vi' ? 0 : 1] : o.status;
}

const MARK = { met: '✓', not_met: '✗', unknown: '?' };

function renderResult(u, text) {
  const v = $('verdict');
  v.className = `verdict ${u.outcome.status}`;
  v.textContent = `${verdictText(u.outcome)}${u.of ? `  ·  ${u.met}/${u.of} ${t('met')}` : ''}`;
  v.dataset.status = u.outcome.status;
  const facts = [[t('ruleSet'), `${state.rules.title[state.lang]} (${state.appliedId ?? state.rulesData.id})`], [t('window'), `${u.window.start} – ${u.window.end}`]];
  if (u.recognised_by) facts.push([t('recognisedBy'), u.recognised_by.label[state.lang]]);
  if (u.outcome.status === 'out_of_scope') facts.push(['', u.outcome.reason[state.lang]]);
  for (const i of u.illustrative ?? []) facts.push([t('illustrative'), i]);
  $('facts').replaceChildren(...facts.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val)]));
  $('criteria').replaceChildren(...u.criteria.map((c) => el('li', { class: c.status, 'data-criterion': c.id },
    el('div', { class: 'crit-head' },
      el('span', { class: 'mark', 'aria-label': c.status }, MARK[c.status]),
      el('span', { class: 'crit-id' }, c.id),
      el('span', {}, c.label[state.lang] + (c.mandatory ? '' : ` (${t('optional')})`))),
    el('div', { class: 'basis' }, c.legal_basis.map((b) => [b.document, b.article && `art. ${b.article}`, b.clause && `cl. ${b.clause}`].filter(Boolean).join(', ')).join('; ')),
    el('ul', { class: 'checks' }, c.checks.map((k) => el('li', { style: `margin-left:${k.depth * 1.1}rem` },
      el('span', { class: `mark ${k.status}` }, MARK[k.status]), ' ', k.explanation[state.lang], ' ',
      el('span', { class: 'obs' }, '[', t('observed'), ': ', el('b', {}, k.observed ?? '–'), '; ', t('needs'), ': ', el('b', {}, k.threshold), ']')))))));
  $('missing').replaceChildren(...(u.missing.length
    ? u.missing.map((m) => el('li', { 'data-key': m.key }, `[${m.criterion}] ${m.text[state.lang]}`))
    : [el('li', { class: 'none' }, t('nothingMissing'))]));
  $('explanation').textContent = text;
  $('window-hint').textContent = t('windowHint')(u.window);
}

function showError(box, err) {
  box.hidden = false;
  const lines = [`${err.code ?? 'error'}: ${err.message.split('\n')[0]}`];
  for (const p of err.details ?? []) {
    const loc = [p.location.file, p.location.line && `${p.location.line}:${p.location.column ?? ''}`, p.location.path, p.location.unit].filter(Boolean).join(' ');
    lines.push(`• ${loc ? `${loc}: ` : ''}${p.message}`);
  }
  box.textContent = lines.join('\n');
}

function update() {
  if (!state.rules) return;
  const { unit, data } = selfDataset();
  const dsr = antq.Dataset.tryFromObject(data);
  const err = $('error');
  err.hidden = true;
  if (!dsr.ok) { showError(err, dsr.error); return; }
  const rs = rulesFor(Number($('year').value));
  if (!rs.ok) { dsr.value.free(); showError(err, rs.error); return; }
  state.appliedId = rs.value.toJSON().id;
  const r = antq.tryEvaluate(dsr.value, rs.value, Number($('year').value));
  dsr.value.free();
  if (!r.ok) { showError(err, r.error); return; }
  const u = r.value.unit(unit);
  const text = r.value.explain(unit, state.lang);
  r.value.free();
  renderResult(u, text);
}

// ----- province view -------------------------------------------------------------------

function loadProvince(ds) {
  if (state.province) state.province.free();
  state.province = ds;
  const years = ds.years();
  $('p-year').replaceChildren(...years.map((y) => el('option', { value: y }, String(y))));
  if (years.includes(2023)) $('p-year').value = '2023';
  renderProvince();
}

function renderProvince() {
  const ds = state.province;
  if (!ds) return;
  const box = $('p-error');
  box.hidden = true;
  $('p-title').textContent = `${ds.title}${ds.synthetic ? ` — ${t('synthetic')}` : ''}`;
  const year = Number($('p-year').value);
  const rs = rulesFor(year);
  const r = rs.ok ? antq.tryEvaluate(ds, rs.value, year) : rs;
  if (!r.ok) { showError(box, r.error); $('chart').replaceChildren(); $('communes').tBodies[0].replaceChildren(); return; }
  const rows = r.value.rows();
  r.value.free();
  const byParent = new Map();
  for (const row of rows) {
    if (!row.parent || row.kind === 'commune' || row.outcome === 'out_of_scope') continue;
    const s = byParent.get(row.parent) ?? { meets: 0, total: 0 };
    s.total += 1;
    if (row.outcome === 'meets') s.meets += 1;
    byParent.set(row.parent, s);
  }
  const communes = rows.filter((row) => row.kind === 'commune').map((row) => {
    const s = byParent.get(row.unit) ?? { meets: 0, total: 0 };
    return { ...row, meets: s.meets, total: s.total, share: s.total ? s.meets / s.total : null };
  });
  $('p-summary').textContent = t('summary')(rows.length, communes.length);
  const outcomeLabel = (o) => verdictText({ status: o });
  $('communes').tBodies[0].replaceChildren(...(communes.length ? communes.map((c) => el('tr', { 'data-unit': c.unit },
    el('td', {}, c.unit), el('td', {}, c.name), el('td', { class: c.outcome }, outcomeLabel(c.outcome)),
    el('td', { class: 'num' }, `${c.meets} / ${c.total}`),
    el('td', { class: 'num' }, c.share === null ? '–' : `${Math.round(c.share * 1000) / 10}%`),
    el('td', {}, c.failed.replaceAll(';', ', ')))) : [el('tr', {}, el('td', { colspan: '6' }, t('noCommunes')))]));
  renderChart(communes);
}

function renderChart(communes) {
  const shown = communes.slice(0, 300);
  const bar = 18, gap = 6, left = 190, width = 720, right = 60;
  const height = shown.length * (bar + gap) + 30;
  const x = (share) => left + share * (width - left - right);
  const color = { meets: '#1b7f3b', does_not_meet: '#b3261e', undetermined: '#b08900' };
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('chartCaption') },
    shown.map((c, i) => {
      const y = 10 + i * (bar + gap);
      const w = c.share === null ? 0 : x(c.share) - left;
      return svg('g', { 'data-unit': c.unit },
        svg('text', { x: left - 8, y: y + bar * 0.75, 'text-anchor': 'end' }, `${c.name}`.slice(0, 28)),
        svg('rect', { x: left, y, width: Math.max(w, 1), height: bar, fill: color[c.outcome] ?? '#888', rx: 2 },
          svg('title', {}, `${c.unit} ${c.name}: ${c.meets}/${c.total}`)),
        svg('text', { x: left + Math.max(w, 1) + 6, y: y + bar * 0.75 }, c.share === null ? '–' : `${Math.round(c.share * 100)}%`));
    }),
    svg('line', { x1: x(0.7), x2: x(0.7), y1: 4, y2: height - 20, stroke: '#202124', 'stroke-dasharray': '4 3' }),
    svg('text', { x: x(0.7), y: height - 6, 'text-anchor': 'middle' }, '70%'),
    svg('line', { x1: left, x2: left, y1: 4, y2: height - 20, stroke: '#5f6368' }));
  $('chart').replaceChildren(chart);
}

// ----- language, tabs, start -----------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const v = t(e.dataset.i18n);
    if (typeof v === 'string') e.textContent = v;
  }
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  if (!state.rules) return;
  $('rules-title').textContent = `${state.rules.title[state.lang]} — ${RULES_FAMILY}`;
  const kind = $('kind').value;
  $('kind').replaceChildren(...Object.keys(SUBKINDS).map((k) => {
    const o = el('option', { value: k }, t('kinds')[k]);
    o.selected = k === kind;
    return o;
  }));
  buildSubkinds();
  buildForm(true);
  renderProvince();
  $('status').textContent = t('ready');
}

function selectTab(which) {
  for (const name of ['self', 'province']) {
    $(`tab-${name}`).setAttribute('aria-selected', String(name === which));
    $(`view-${name}`).hidden = name !== which;
  }
  if (which === 'province' && !state.province) loadSample();
}

/** The synthetic sample province, a static file beside the page (not inside the module). */
async function loadSample() {
  const text = await (await fetch('pkg/sample/province.json')).text();
  loadProvince(antq.Dataset.fromText(text, 'sample/province.json'));
}

async function start() {
  applyLanguage();
  await init();
  state.rules = antq.RuleSet.resolve(RULES_FAMILY, 2023);
  state.rulesData = state.rules.toJSON();
  for (const i of antq.indicators()) state.indicators.set(i.id, i);
  $('year').replaceChildren(...YEARS.map((y) => el('option', { value: y }, String(y))));
  $('year').value = '2023';
  $('kind').append(...Object.keys(SUBKINDS).map((k) => el('option', { value: k }, t('kinds')[k])));

  $('form').addEventListener('input', (e) => { if (!['kind', 'subkind'].includes(e.target.name)) update(); });
  $('form').addEventListener('change', (e) => {
    if (e.target.name === 'kind') { buildSubkinds(); buildForm(false); } else if (e.target.name === 'subkind' || e.target.name === 'year') update();
  });
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('add-incident').addEventListener('click', () => {
    const y = Number($('year').value);
    state.incidents.push({ category: state.categories[0], date: `${y}-06-01` });
    buildForm(true);
  });
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => { state.lang = b.dataset.lang; applyLanguage(); });
  $('tab-self').addEventListener('click', () => selectTab('self'));
  $('tab-province').addEventListener('click', () => selectTab('province'));
  $('load-sample').addEventListener('click', () => loadSample());
  $('p-year').addEventListener('change', renderProvince);
  $('file').addEventListener('change', async (e) => {
    const f = e.target.files?.[0];
    if (!f) return;
    const r = antq.Dataset.tryFromText(await f.text(), f.name);
    if (r.ok) loadProvince(r.value);
    else showError($('p-error'), r.error);
  });
  applyLanguage();
}

start().catch((e) => {
  $('status').textContent = `${e.code ?? 'error'}: ${e.message}`;
  throw e;
});
