// antq demo: a unit's self-assessment against Circular 124/2021/TT-BCA, updated as you
// type, and a province view of a dataset. Everything runs in the page (WebAssembly);
// nothing is sent anywhere. The form is built from the rule set's own criteria, and every
// verdict, check and refusal comes from the module: the page only lays them out, in the
// reader's language.
import init, * as antq from './pkg/antq.js';

const RULES_FAMILY = 'vn.c124';
const YEARS = [2022, 2023, 2024, 2025, 2026];
const SUBKINDS = {
  residential_area: ['thon', 'to_dan_pho', 'khu_pho', 'ap', 'ban', 'lang', 'buon', 'phum', 'soc', 'khom'],
  commune: ['xa', 'phuong', 'thi_tran', 'dac_khu'],
  agency: ['civil', 'armed_forces'],
  enterprise: ['medium', 'large', 'small', 'micro'],
  school: ['lower_secondary', 'upper_secondary', 'multi_level', 'vocational', 'higher', 'primary', 'kindergarten', 'creche'],
};
// The page's own limit on simulated units (a page limit, not a rule).
const MAX_CHILDREN = 500;
const STORE_KEY = 'antq.page.v1';
// The instruments of the province view: the family, resolved by year.
const INSTRUMENTS = ['vn.c124', 'vn.d510', 'vn.typical.communes'];

const I18N = {
  vi: {
    title: 'antq — Phong trào Toàn dân bảo vệ an ninh Tổ quốc', viewsLabel: 'Chế độ xem',
    tabSelf: 'Tự đánh giá', tabProvince: 'Toàn tỉnh', loading: 'Đang tải bộ tiêu chí (khoảng 350 KB, chỉ lần đầu)…', loadingShort: 'Đang tải…',
    loadFailed: 'Không tải được bộ tiêu chí. Hãy tải lại trang.',
    unitLegend: 'Đơn vị', unitName: 'Tên đơn vị', communeName: 'Thuộc xã, phường, đặc khu', unitKind: 'Loại đơn vị', year: 'Năm đánh giá',
    subkind: 'Phân loại', size: 'Quy mô doanh nghiệp', level: 'Cấp học', armed: 'Loại cơ quan',
    evidenceLegend: 'Kết quả thực hiện', unknownHint: 'Ô để trống nghĩa là chưa biết (không phải bằng 0).',
    attestedLegend: 'Nội dung do Hội nghị đánh giá xác nhận', incidentsLegend: 'Vụ việc xảy ra', addIncident: 'Thêm vụ việc', remove: 'Xóa',
    incidentCategory: (n) => `Loại vụ việc ${n}`, incidentDate: (n) => `Ngày xảy ra vụ việc ${n}`, removeIncident: (n) => `Xóa vụ việc ${n}`,
    noIncidents: 'Chưa có vụ việc nào.',
    incidentNotCounted: (cat, rules) => `Không được tính: ${rules} không có tiêu chí nào tính vụ việc loại «${cat}» cho loại đơn vị này. Hãy chọn loại khác hoặc xóa vụ việc.`,
    errCategory: (n) => `Loại của vụ việc ${n} không có trong bộ tiêu chí nào.`,
    notes: 'Lưu ý', notesHint: 'Những gì đánh giá đã đọc nhưng không tính, hoặc không xét (chi tiết bằng tiếng Anh):',
    windowHint: (w) => `Chỉ tính vụ việc từ ${w.start} đến ${w.end}.`,
    childrenLegend: 'Đơn vị trực thuộc (mô phỏng)', childrenHint: 'Tiêu chí 4 tính trên kết quả của các khu dân cư, cơ quan, doanh nghiệp, nhà trường do xã quản lý. Nhập số lượng để mô phỏng; để trống là chưa biết.',
    childrenTotal: 'Số đơn vị thuộc phạm vi', childrenRegistered: 'Số đơn vị đã đăng ký', childrenRecognised: 'Số đơn vị được công nhận đạt',
    childUnknownName: 'Các đơn vị trực thuộc (chưa nhập số lượng)', childName: (i) => `Đơn vị trực thuộc ${i}`,
    childrenUnknownNote: 'Chưa nhập số đơn vị trực thuộc: tiêu chí này chưa xác định được.',
    childrenMissing: (n) => `Kết quả (đăng ký, công nhận) của ${n} đơn vị trực thuộc chưa biết: nhập ở mục «Đơn vị trực thuộc».`,
    criteria: 'Tiêu chí', missing: 'Còn thiếu', nothingMissing: 'Không thiếu thông tin nào.',
    nothingMissingFailed: (ids) => `Không thiếu thông tin, nhưng chưa đạt: ${ids}. Xem «Cần làm gì để đạt» bên dưới.`,
    plainText: 'Giải thích dạng văn bản', resultTitle: 'Kết quả tự đánh giá',
    unknown: 'Chưa biết', yes: 'Có', no: 'Không', yesAtt: 'Đạt', noAtt: 'Không đạt',
    met: 'tiêu chí đạt', window: 'Kỳ đánh giá', recognisedBy: 'Cấp công nhận', ruleSet: 'Bộ tiêu chí', asOf: 'Ngày tham chiếu', inForce: 'Áp dụng', observed: 'ghi nhận', needs: 'yêu cầu',
    optional: 'không bắt buộc', illustrative: 'Dựa trên giá trị minh họa', notNeeded: 'không áp dụng', notNeededWhy: 'đã đạt theo điều kiện khác',
    markMet: 'Đạt', markNotMet: 'Chưa đạt', markUnknown: 'Chưa biết', markNa: 'Không áp dụng',
    toDetails: 'Xem chi tiết', invalid: (n) => `Chưa đánh giá được: ${n} ô chưa hợp lệ`, invalidNote: 'Sửa các ô được đánh dấu đỏ; kết quả cũ đã bị ẩn đi.',
    goToError: 'Đến ô lỗi', staleNote: 'Kết quả sẽ hiện lại khi mọi ô đều hợp lệ.',
    errCount: (f) => `«${f}» phải là số nguyên không âm (0, 1, 2…).`,
    errNotNumber: (f) => `«${f}» không phải là một số.`,
    errDate: (f) => `«${f}» không phải là ngày hợp lệ.`,
    errLarger: (f, v, g, w) => `«${f}» (${v}) không được lớn hơn «${g}» (${w}).`,
    errValue: (f) => `Giá trị của «${f}» không hợp lệ.`,
    errKindYear: (s, y) => `«${s}» không có trong năm ${y} theo tổ chức hành chính của năm đó. Hãy chọn phân loại khác hoặc năm khác.`,
    errMax: (f, m) => `«${f}» tối đa là ${m} (giới hạn của trang mô phỏng).`,
    errChildLarger: (f, g) => `«${f}» không được lớn hơn «${g}».`,
    errChildNeedsTotal: (g) => `Hãy nhập «${g}» trước.`,
    errGeneral: 'Dữ liệu chưa hợp lệ:', errCode: 'mã lỗi', errDetail: 'chi tiết (tiếng Anh)', lintDetail: 'chi tiết', errAt: { file: 'tệp', line: 'dòng', path: 'mục', unit: 'đơn vị' },
    errors: {
      invalid_dataset: 'Tệp dữ liệu chưa hợp lệ', invalid_rule_set: 'Bộ tiêu chí chưa hợp lệ', not_in_force: 'Không có văn bản áp dụng cho năm này',
      bad_year: 'Năm không hợp lệ', unknown_unit: 'Không có đơn vị này', io: 'Không tải được tệp', internal: 'Lỗi của chương trình',
    },
    problems: {
      syntax: 'sai định dạng hoặc sai kiểu giá trị', format_version: 'phiên bản định dạng không được hỗ trợ', duplicate_id: 'mã bị trùng',
      dangling_parent: 'đơn vị cấp trên không có trong tệp', parent_cycle: 'quan hệ cấp trên bị vòng lặp', kind_not_in_year: 'loại đơn vị không có trong năm này',
      bad_parent_kind: 'loại đơn vị cấp trên không phù hợp', unknown_unit: 'không có đơn vị này', duplicate_evidence: 'kết quả của một đơn vị bị ghi hai lần',
      unknown_category: 'loại vụ việc không có trong bộ tiêu chí', unknown_reference: 'tham chiếu không tồn tại', bad_value: 'giá trị không hợp lệ',
      limit: 'vượt quá giới hạn', overflow: 'số quá lớn', unknown_key: 'mục không được đọc', unused_key: 'mục không được dùng',
      unused_indicator: 'chỉ số không được dùng', unused_category: 'vụ việc thuộc loại không được tính', duplicate_incident: 'vụ việc bị ghi trùng', former_key: 'tên mục cũ', unreviewed_evidence: 'chứng cứ không được xét', no_evidence: 'không có chứng cứ của năm', quota_tie: 'bằng số tiêu chí ở ngưỡng chỉ tiêu [I]', parent_changed: 'đơn vị đổi cấp trên trong kỳ', mixed_script_id: 'mã đơn vị trộn chữ của nhiều bảng chữ', ids_look_alike: 'các mã đơn vị trông như nhau', ids_differ_by_case: 'các mã đơn vị chỉ khác chữ hoa, chữ thường', partly_known: 'tiêu chí chỉ biết một phần [P]', supplement_change: 'tiêu chí do quy định bổ sung thay đổi', illustrative_default: 'giá trị mặc định minh họa [I]', incomplete_sheet: 'bảng điểm chưa đủ mục', optional_criteria: 'tiêu chí tùy chọn', supplement_base: 'quy định bổ sung không dành cho văn bản này',
      points_total: 'tổng điểm không khớp', bad_threshold: 'ngưỡng không hợp lệ', bad_levels: 'mức xếp loại không hợp lệ', missing_window: 'thiếu kỳ đánh giá',
    },
    kinds: { residential_area: 'Khu dân cư', commune: 'Xã, phường, đặc khu', agency: 'Cơ quan', enterprise: 'Doanh nghiệp', school: 'Cơ sở giáo dục', district: 'Huyện', province: 'Tỉnh' },
    sub: {
      thon: 'Thôn', to_dan_pho: 'Tổ dân phố', khu_pho: 'Khu phố', ap: 'Ấp', ban: 'Bản', lang: 'Làng', buon: 'Buôn', phum: 'Phum', soc: 'Sóc', khom: 'Khóm',
      xa: 'Xã', phuong: 'Phường', thi_tran: 'Thị trấn', dac_khu: 'Đặc khu', civil: 'Cơ quan dân sự', armed_forces: 'Lực lượng vũ trang',
      medium: 'Vừa', large: 'Lớn', small: 'Nhỏ', micro: 'Siêu nhỏ',
      lower_secondary: 'Trung học cơ sở', upper_secondary: 'Trung học phổ thông', multi_level: 'Nhiều cấp học', vocational: 'Giáo dục nghề nghiệp',
      higher: 'Cao đẳng, đại học', primary: 'Tiểu học', kindergarten: 'Mẫu giáo', creche: 'Nhà trẻ',
    },
    certainty: { verified: 'đã xác minh', partial: 'chưa đầy đủ', inferred: 'suy đoán', sample: 'minh họa' },
    otherItems: 'các nội dung khác', attPrefix: 'Hội nghị xác nhận',
    needAtt: 'Hội nghị đánh giá xác nhận đạt', roundUp: 'làm tròn lên', roundDown: 'làm tròn xuống', dateWord: 'ngày', onWord: 'ngày',
    save: 'Lưu tự đánh giá (tệp)', open: 'Mở tệp tự đánh giá', print: 'In (1 trang)', clear: 'Xóa hết',
    clearConfirm: 'Xóa mọi thông tin đã nhập của loại đơn vị này?', opened: (f) => `Đã mở «${f}».`, openedUnread: (n, list) => `${n} giá trị trong tệp không được tiêu chí của năm này cho loại đơn vị này đọc, nên không được đưa vào: ${list}.`, openFailed: (f) => `Không mở được «${f}»:`, openYears: (ys) => `tệp có chứng cứ của nhiều năm (${ys}); trang mở một năm một lần`, openYear: (y) => `năm ${y} không có trong trang (${YEARS[0]}–${YEARS[YEARS.length - 1]})`, openSub: (k, v) => `trang không có loại «${v ?? '—'}» cho ${k}`,
    savedNote: 'Thông tin được lưu tự động trong trình duyệt này.',
    printedOn: 'Ngày lập', printTitle: 'BẢN TỰ ĐÁNH GIÁ', unitLabel: 'Đơn vị', communeLabel: 'Xã, phường', kindLabel: 'Loại', unnamed: '(chưa đặt tên)',
    printFoot: 'Lập bằng antq trong trình duyệt; kết quả tự đánh giá, không thay thế quyết định công nhận.',
    whatIf: 'Cần làm gì để đạt', whatIfButton: 'Tính những gì còn cần', whatIfLoading: 'Đang tải phần phân tích (khoảng 500 KB)…',
    planStatus: { reached: 'Đã đạt.', reachable: 'Có thể đạt nếu:', blocked: 'Không thể đạt trong năm nay vì có điều kiện không khắc phục được:', unreachable: 'Không thể đạt với bộ tiêu chí này.' },
    changeKind: { supply: 'Bổ sung', improve: 'Khắc phục', blocked: 'Không khắc phục được' },
    verifiedPlan: 'Đã kiểm tra lại: áp dụng các thay đổi này thì đạt.',
    loadSample: 'Mở dữ liệu mẫu (tổng hợp)', openFile: 'Mở tệp dữ liệu (.json, .toml)', instrument: 'Văn bản áp dụng', provinceYear: 'Năm',
    instrumentNames: { 'vn.c124': 'Thông tư 124/2021 — An toàn về an ninh, trật tự', 'vn.d510': 'Quyết định 510/2022 — Phân loại phong trào (điểm)', 'vn.typical.communes': 'Quyết định 9745/2022 — Xã điển hình' },
    openSupplement: 'Mở quy định bổ sung của tỉnh (.toml)', supplementFor: (n, f) => `Quy định bổ sung «${n}» áp dụng cho ${f}.`,
    search: 'Tìm xã, phường', filter: 'Lọc theo kết quả', all: 'Tất cả', csv: 'Xuất CSV', close: 'Đóng',
    chartCaption: 'Tỷ lệ đơn vị đạt tiêu chuẩn «An toàn về an ninh, trật tự» theo từng xã (vạch: 70%). Màu: kết quả của chính xã (xanh: đạt, đỏ: chưa đạt, vàng: chưa xác định).',
    chartCaptionOther: 'Số xã theo kết quả.',
    colCommune: 'Mã', colName: 'Xã, phường', colDistrict: 'Huyện', colOutcome: 'Kết quả', colUnits: 'Đơn vị đạt / thuộc phạm vi', colShare: 'Tỷ lệ', colFailed: 'Tiêu chí chưa đạt',
    colDetails: 'Chi tiết', details: (n) => `Xem giải thích của ${n}`,
    summary: (n, c) => `${n} đơn vị được đánh giá, ${c} xã, phường.`,
    communesMeeting: (m, c, s) => `${m}/${c} xã, phường đạt (${s}).`,
    outcomeCounts: 'Số xã theo kết quả', synthetic: 'DỮ LIỆU TỔNG HỢP, không phải kết quả thật.',
    noCommunes: 'Không có xã, phường nào được đánh giá trong năm này.', noMatch: 'Không có xã, phường nào khớp với bộ lọc.',
    districtTotal: (d, m, c) => `${d}: ${m}/${c} xã đạt`, noDistrict: 'Trực thuộc tỉnh',
    shown: (n, c) => `Hiển thị ${n}/${c} xã, phường.`, sortBy: (c) => `Sắp xếp theo ${c}`,
    footer: 'antq — bộ tiêu chí là dữ liệu (Thông tư 124/2021/TT-BCA, Quyết định 510/2022, Quyết định 9745/2022). Dữ liệu mẫu là dữ liệu tổng hợp. Không gửi dữ liệu ra ngoài trình duyệt; sau lần mở đầu tiên, trang dùng được khi không có mạng.',
  },
  en: {
    title: 'antq — “All people protect national security” movement', viewsLabel: 'Views',
    tabSelf: 'Self-assessment', tabProvince: 'Province view', loading: 'Loading the rules (about 350 KB, first visit only)…', loadingShort: 'Loading…',
    loadFailed: 'The rules could not be loaded. Reload the page.',
    unitLegend: 'Unit', unitName: 'Unit name', communeName: 'In commune, ward or special zone', unitKind: 'Unit kind', year: 'Review year',
    subkind: 'Type', size: 'Enterprise size', level: 'School level', armed: 'Agency type',
    evidenceLegend: 'Evidence', unknownHint: 'An empty field means unknown (not zero).',
    attestedLegend: 'Items the review meeting attests', incidentsLegend: 'Incidents', addIncident: 'Add incident', remove: 'Remove',
    incidentCategory: (n) => `Category of incident ${n}`, incidentDate: (n) => `Date of incident ${n}`, removeIncident: (n) => `Remove incident ${n}`,
    noIncidents: 'No incident entered.',
    incidentNotCounted: (cat, rules) => `Not counted: no criterion of ${rules} counts incidents of category “${cat}” for this kind of unit. Choose another category, or remove the incident.`,
    errCategory: (n) => `The category of incident ${n} is not declared by any rule set.`,
    notes: 'Notes', notesHint: 'What the evaluation read but did not count, or could not review:',
    windowHint: (w) => `Only incidents from ${w.start} to ${w.end} count.`,
    childrenLegend: 'Units managed (simulated)', childrenHint: 'Criterion 4 depends on the results of the residential areas, agencies, enterprises and schools the commune manages. Enter counts to simulate them; empty means unknown.',
    childrenTotal: 'Units in scope', childrenRegistered: 'Of which registered', childrenRecognised: 'Of which recognised as safe',
    childUnknownName: 'Units managed (count not entered)', childName: (i) => `Unit ${i}`,
    childrenUnknownNote: 'The number of units managed is not entered: this criterion cannot be decided.',
    childrenMissing: (n) => `The results (registration, recognition) of ${n} unit(s) managed are unknown: enter them under “Units managed”.`,
    criteria: 'Criteria', missing: 'Still missing', nothingMissing: 'Nothing is missing.',
    nothingMissingFailed: (ids) => `Nothing is missing, but not met: ${ids}. See “What it still takes” below.`,
    plainText: 'Plain-text explanation', resultTitle: 'Self-assessment result',
    unknown: 'Unknown', yes: 'Yes', no: 'No', yesAtt: 'Met', noAtt: 'Not met',
    met: 'criteria met', window: 'Window', recognisedBy: 'Recognised by', ruleSet: 'Rule set', asOf: 'Reference date', inForce: 'Applies', observed: 'observed', needs: 'needs',
    optional: 'optional', illustrative: 'Depends on an illustrative default', notNeeded: 'not needed', notNeededWhy: 'met by another condition',
    markMet: 'Met', markNotMet: 'Not met', markUnknown: 'Unknown', markNa: 'Not needed',
    toDetails: 'Details', invalid: (n) => `Cannot evaluate: ${n} field(s) invalid`, invalidNote: 'Correct the fields marked in red; the previous result is hidden.',
    goToError: 'Go to the field', staleNote: 'The result comes back when every field is valid.',
    errCount: (f) => `“${f}” must be a whole number, 0 or more.`,
    errNotNumber: (f) => `“${f}” is not a number.`,
    errDate: (f) => `“${f}” is not a valid date.`,
    errLarger: (f, v, g, w) => `“${f}” (${v}) cannot be larger than “${g}” (${w}).`,
    errValue: (f) => `The value of “${f}” is not valid.`,
    errKindYear: (s, y) => `“${s}” does not exist in ${y} under that year's administrative organisation. Choose another type or year.`,
    errMax: (f, m) => `“${f}” is at most ${m} (a limit of this simulation).`,
    errChildLarger: (f, g) => `“${f}” cannot be larger than “${g}”.`,
    errChildNeedsTotal: (g) => `Enter “${g}” first.`,
    errGeneral: 'The data is not valid:', errCode: 'code', errDetail: 'detail', lintDetail: 'detail', errAt: { file: 'file', line: 'line', path: 'at', unit: 'unit' },
    errors: {}, problems: {},
    kinds: { residential_area: 'Residential area', commune: 'Commune, ward, special zone', agency: 'Agency', enterprise: 'Enterprise', school: 'School', district: 'District', province: 'Province' },
    sub: {
      thon: 'Village (thôn)', to_dan_pho: 'Residential group (tổ dân phố)', khu_pho: 'Quarter (khu phố)', ap: 'Hamlet (ấp)', ban: 'Village (bản)',
      lang: 'Village (làng)', buon: 'Village (buôn)', phum: 'Village (phum)', soc: 'Village (sóc)', khom: 'Quarter (khóm)',
      xa: 'Commune (xã)', phuong: 'Ward (phường)', thi_tran: 'Township (thị trấn)', dac_khu: 'Special zone (đặc khu)',
      civil: 'Civil agency', armed_forces: 'Armed forces', medium: 'Medium', large: 'Large', small: 'Small', micro: 'Micro',
      lower_secondary: 'Lower secondary', upper_secondary: 'Upper secondary', multi_level: 'Multi-level', vocational: 'Vocational',
      higher: 'College or university', primary: 'Primary', kindergarten: 'Kindergarten', creche: 'Crèche',
    },
    certainty: { verified: 'verified', partial: 'partly known', inferred: 'inferred', sample: 'sample' },
    otherItems: 'other items', attPrefix: 'The review attests',
    needAtt: 'the review attests it is met', roundUp: 'rounded up', roundDown: 'rounded down', dateWord: 'date', onWord: 'on',
    save: 'Save self-assessment (file)', open: 'Open a self-assessment file', print: 'Print (1 page)', clear: 'Clear all',
    clearConfirm: 'Clear everything entered for this unit kind?', opened: (f) => `Opened “${f}”.`, openedUnread: (n, list) => `${n} value(s) in the file are not read by this year's criteria for this kind of unit, so they were left out: ${list}.`, openFailed: (f) => `Could not open “${f}”:`, openYears: (ys) => `the file holds evidence of several years (${ys}); the page opens one year at a time`, openYear: (y) => `the year ${y} is not one this page offers (${YEARS[0]}–${YEARS[YEARS.length - 1]})`, openSub: (k, v) => `the page offers no “${v ?? '—'}” for ${k}`,
    savedNote: 'What you enter is kept in this browser.',
    printedOn: 'Date', printTitle: 'SELF-ASSESSMENT', unitLabel: 'Unit', communeLabel: 'Commune', kindLabel: 'Kind', unnamed: '(no name)',
    printFoot: 'Made with antq in the browser; a self-assessment, not a recognition decision.',
    whatIf: 'What it still takes', whatIfButton: 'Work out what is still needed', whatIfLoading: 'Loading the analysis module (about 500 KB)…',
    planStatus: { reached: 'Already met.', reachable: 'Reachable with:', blocked: 'Cannot be met this year: a condition cannot be undone:', unreachable: 'Cannot be met under this rule set.' },
    changeKind: { supply: 'Supply', improve: 'Improve', blocked: 'Cannot be undone' },
    verifiedPlan: 'Checked: with these changes the unit meets the standard.',
    loadSample: 'Load the sample province (synthetic)', openFile: 'Open a dataset file (.json, .toml)', instrument: 'Instrument', provinceYear: 'Year',
    instrumentNames: { 'vn.c124': 'Circular 124/2021 — Safe in security and order', 'vn.d510': 'Decision 510/2022 — Classification (points)', 'vn.typical.communes': 'Decision 9745/2022 — Typical communes' },
    openSupplement: 'Open a provincial supplement (.toml)', supplementFor: (n, f) => `Supplement “${n}” applied to ${f}.`,
    search: 'Search communes', filter: 'Filter by outcome', all: 'All', csv: 'Export CSV', close: 'Close',
    chartCaption: 'Share of units meeting the standard “Safe in security and order”, per commune (line: 70%). Colour: the commune’s own outcome (green meets, red does not meet, amber undetermined).',
    chartCaptionOther: 'Communes by outcome.',
    colCommune: 'Id', colName: 'Commune', colDistrict: 'District', colOutcome: 'Outcome', colUnits: 'Units meeting / in scope', colShare: 'Share', colFailed: 'Criteria not met',
    colDetails: 'Details', details: (n) => `Explain ${n}`,
    summary: (n, c) => `${n} units evaluated, ${c} communes and wards.`,
    communesMeeting: (m, c, s) => `${m} of ${c} communes meet (${s}).`,
    outcomeCounts: 'Communes by outcome', synthetic: 'SYNTHETIC DATA, not real review results.',
    noCommunes: 'No commune was evaluated in this year.', noMatch: 'No commune matches the filter.',
    districtTotal: (d, m, c) => `${d}: ${m} of ${c} communes meet`, noDistrict: 'Under the province',
    shown: (n, c) => `Showing ${n} of ${c} communes.`, sortBy: (c) => `Sort by ${c}`,
    footer: 'antq — the criteria are data (Circular 124/2021/TT-BCA, Decisions 510/2022 and 9745/2022). The sample is synthetic. No data leaves your browser; after the first visit the page works offline.',
  },
};

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
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
  criteriaById: new Map(),
  categoriesById: new Map(),
  // Per unit kind: { subkind, values: {name: text}, incidents: [{category, date}] }.
  perKind: {},
  kind: 'residential_area',
  year: 2023,
  unitName: '',
  communeName: '',
  province: null,
  provinceName: '',
  lastVerdict: '',
  last: null,
};
const t = (key) => I18N[state.lang][key];
const kindState = () => (state.perKind[state.kind] ??= { subkind: SUBKINDS[state.kind][0], values: {}, incidents: [] });

// ----- formats: Vietnamese numbers and one date format ----------------------------------

const numberFmt = () => new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
const fmtNum = (n) => numberFmt().format(n);
const fmtPct = (x) => `${new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(x * 100)}%`;
/** One date format on every screen: dd/mm/yyyy. */
const fmtDate = (iso) => { const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? ''); return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? ''); };
const todayIso = () => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };

/** The label of an attested key (`RA-2`, `CW-2/RA-3/other`): the label the core gives its criterion. */
function attestedLabel(key) {
  const parts = key.split('/');
  const ids = parts.filter((p) => state.criteriaById.has(p));
  const id = ids.at(-1) ?? parts[0];
  const c = state.criteriaById.get(id);
  const base = c ? `${id}: ${c.label[state.lang]}` : key;
  return parts.at(-1) === 'other' ? `${base} — ${t('otherItems')}` : base;
}

/** A code the core writes into a text, as the label the core gives it. */
function codeLabel(code) {
  if (state.indicators.has(code)) return state.indicators.get(code).label[state.lang];
  if (state.categoriesById.has(code)) return state.categoriesById.get(code).label[state.lang];
  if (state.unitNames?.has(code)) return state.unitNames.get(code);
  if (/^[A-Z]+-\d/.test(code)) return attestedLabel(code);
  return code;
}

/**
 * The core's texts carry codes, ISO dates and plain numbers; this lays them out for the
 * reader: labels for codes, dd/mm/yyyy, the language's number format. It changes no meaning.
 */
function localise(text) {
  if (text === undefined || text === null) return text;
  let s = String(text);
  const cert = { V: 'verified', P: 'partial', I: 'inferred', S: 'sample' };
  s = s.replace(/\s*\(([a-z][a-z0-9_]*)\)/g, (m, code) => (state.indicators.has(code) ? '' : m));
  s = s.replace(/`([^`]+)`/g, (_, code) => `«${codeLabel(code)}»`);
  s = s.replace(/\[(V|P|I|S)\]/g, (_, c) => `(${t('certainty')[cert[c]]})`);
  s = s.replace(/\((↑)\)/g, `(${t('roundUp')})`).replace(/\((↓)\)/g, `(${t('roundDown')})`);
  s = s.replace(/≤ date ≤/g, `≤ ${t('dateWord')} ≤`);
  s = s.replace(/\b([a-z][a-z0-9_]*[a-z0-9]) on (\d{4}-\d{2}-\d{2})/g, (m, code, d) => (state.categoriesById.has(code) ? `${codeLabel(code)} ${t('onWord')} ${d}` : m));
  s = s.replace(/\b([a-z]+_[a-z0-9_]+)\b/g, (m, code) => codeLabel(code));
  s = s.replace(/\((commune|residential_area|agency|enterprise|school|district|province)(?:, ([a-z_]+))?\)/g,
    (_, k, sub) => `(${t('kinds')[k]}${sub ? `, ${t('sub')[sub] ?? sub}` : ''})`);
  s = s.replace(/(^|[\s:;(=])(yes|no)(?=$|[\s.;,)\]])/g, (_, p, w) => `${p}${w === 'yes' ? t('yes').toLowerCase() : t('no').toLowerCase()}`);
  // Dates first (so that their digits are not read as numbers), then numbers.
  const dates = [];
  s = s.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, m, d) => { dates.push(`${d}/${m}/${y}`); return `\u0000${dates.length - 1}\u0000`; });
  s = s.replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, (m) => { dates.push(m); return `\u0000${dates.length - 1}\u0000`; });
  s = s.replace(/(\d+(?:\.\d+)?)(%?)/g, (m, num, pct) => {
    if (/^\d{4}$/.test(num) && !pct && Number(num) >= 1900 && Number(num) <= 2100) return m;
    const n = Number(num);
    const decimals = num.includes('.') ? num.split('.')[1].length : 0;
    return new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n) + pct;
  });
  s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => dates[Number(i)]);
  return s;
}

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

/** The ratio tests' pairs (numerator → denominator), to name both fields of a refusal. */
function ratioPairs() {
  const pairs = new Map();
  const walk = (test) => {
    if (test.test === 'ratio') pairs.set(test.numerator, test.denominator);
    for (const s of test.of ?? []) walk(s);
  };
  for (const c of state.rulesData.criteria) walk(c.test);
  return pairs;
}

const fieldId = (name) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const errId = (name) => `e-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function fieldLabel(name) {
  if (name.startsWith('attested:')) return attestedLabel(name.slice(9));
  if (name.startsWith('ch-')) return t({ 'ch-total': 'childrenTotal', 'ch-registered': 'childrenRegistered', 'ch-recognised': 'childrenRecognised' }[name]);
  if (name === 'subkind') return $('sub-label').textContent;
  const info = state.indicators.get(name);
  return info ? info.label[state.lang] : name;
}

function wrapField(name, input) {
  const id = fieldId(name);
  input.id = id;
  input.name = name;
  input.setAttribute('aria-describedby', errId(name));
  return el('div', { class: 'field' }, el('label', { for: id }, fieldLabel(name)), input,
    el('p', { class: 'field-error', id: errId(name), hidden: true }));
}

function indicatorField(key) {
  const info = state.indicators.get(key);
  let input;
  if (info?.value_type === 'date') input = el('input', { type: 'date' });
  else if (info?.value_type === 'count') input = el('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric' });
  else {
    input = el('select', {},
      el('option', { value: '' }, t('unknown')), el('option', { value: 'true' }, t('yes')), el('option', { value: 'false' }, t('no')));
  }
  return wrapField(key, input);
}

function attestedField({ key }) {
  return wrapField(`attested:${key}`, el('select', {},
    el('option', { value: '' }, t('unknown')), el('option', { value: 'yes' }, t('yesAtt')), el('option', { value: 'no' }, t('noAtt'))));
}

const categoryLabel = (id) => state.categoriesById.get(id)?.label[state.lang] ?? id;

function renderIncidents(categories, focusIndex) {
  const ks = kindState();
  const box = $('incidents');
  if (!ks.incidents.length) {
    box.replaceChildren(el('p', { class: 'hint' }, t('noIncidents')));
    return;
  }
  box.replaceChildren(...ks.incidents.map((inc, i) => {
    const n = i + 1;
    const catId = `inc-cat-${i}`;
    const dateId = `inc-date-${i}`;
    return el('div', { class: 'incident', role: 'group', 'aria-label': `${t('incidentsLegend')} ${n}` },
      el('label', { for: catId, class: 'visually-hidden' }, t('incidentCategory')(n)),
      el('select', { id: catId, name: catId, onchange: (e) => { inc.category = e.target.value; persist(); renderIncidents(state.categories, i); update(); } },
        // A category the year's criteria do not count for this kind (from a file, or kept
        // across a change of year) stays, said by the incident: never dropped silently.
        (categories.includes(inc.category) ? categories : [...categories, inc.category])
          .map((c) => { const o = el('option', { value: c }, categoryLabel(c)); o.selected = c === inc.category; return o; })),
      el('label', { for: dateId, class: 'visually-hidden' }, t('incidentDate')(n)),
      el('input', { type: 'date', id: dateId, name: dateId, value: inc.date, oninput: (e) => { inc.date = e.target.value; persist(); update(); } }),
      el('button', { type: 'button', class: 'remove', 'aria-label': t('removeIncident')(n), onclick: () => removeIncident(i) }, t('remove')),
      categories.includes(inc.category) ? null
        : el('p', { class: 'note incident-unread', id: `inc-note-${i}` }, t('incidentNotCounted')(categoryLabel(inc.category), state.rulesData.title[state.lang])));
  }));
  if (focusIndex !== undefined) box.querySelectorAll('select')[focusIndex]?.focus();
}

function removeIncident(i) {
  const ks = kindState();
  ks.incidents.splice(i, 1);
  persist();
  renderIncidents(state.categories);
  // Focus stays in the list: the next incident's remove button, else the previous, else "add".
  const buttons = $('incidents').querySelectorAll('button.remove');
  (buttons[i] ?? buttons[i - 1] ?? $('add-incident')).focus();
  update();
}

/** Rebuilds the evidence part of the form for the chosen kind, from the kept values. */
function buildForm() {
  const kind = state.kind;
  const ks = kindState();
  const needs = needsOf(kind);
  $('fields').replaceChildren(...needs.indicators.map((i) => indicatorField(i.key)));
  $('attested').replaceChildren(...needs.attested.map(attestedField));
  $('attested-set').hidden = needs.attested.length === 0;
  $('children-set').hidden = !needs.children;
  $('incidents-set').hidden = needs.categories.length === 0;
  $('commune-name-wrap').hidden = kind === 'commune';
  state.categories = needs.categories;
  renderIncidents(needs.categories);
  for (const input of document.querySelectorAll('#fields [name], #attested [name], #children-set [name]')) {
    input.value = ks.values[input.name] ?? '';
  }
  update();
}

function buildSubkinds() {
  const kind = state.kind;
  const label = { enterprise: 'size', school: 'level', agency: 'armed' }[kind] ?? 'subkind';
  $('sub-label').textContent = t(label);
  const current = kindState().subkind;
  $('subkind').replaceChildren(...SUBKINDS[kind].map((s) => {
    const o = el('option', { value: s }, t('sub')[s]);
    o.selected = s === current;
    return o;
  }));
}

// ----- kept state: local storage -------------------------------------------------------

function persist() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({
      lang: state.lang, kind: state.kind, year: state.year, unitName: state.unitName, communeName: state.communeName, perKind: state.perKind,
    }));
  } catch { /* private mode or full: the page still works */ }
}

function restore() {
  try {
    const s = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null');
    if (!s || typeof s !== 'object') return;
    if (s.lang === 'vi' || s.lang === 'en') state.lang = s.lang;
    if (SUBKINDS[s.kind]) state.kind = s.kind;
    if (YEARS.includes(s.year)) state.year = s.year;
    state.unitName = typeof s.unitName === 'string' ? s.unitName : '';
    state.communeName = typeof s.communeName === 'string' ? s.communeName : '';
    if (s.perKind && typeof s.perKind === 'object') {
      for (const k of Object.keys(SUBKINDS)) {
        const p = s.perKind[k];
        if (!p) continue;
        state.perKind[k] = {
          subkind: SUBKINDS[k].includes(p.subkind) ? p.subkind : SUBKINDS[k][0],
          values: Object.fromEntries(Object.entries(p.values ?? {}).filter(([, v]) => typeof v === 'string')),
          incidents: (p.incidents ?? []).filter((i) => typeof i?.category === 'string' && typeof i?.date === 'string'),
        };
      }
    }
  } catch { /* a broken store is ignored */ }
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

/** The simulated units' counts: each empty one unknown, each out of range an error (never clamped). */
function childCounts(errors) {
  const read = (name) => {
    const input = $(name);
    if (input.validity.badInput) { errors.set(name, t('errNotNumber')(fieldLabel(name))); return undefined; }
    const v = input.value.trim();
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) { errors.set(name, t('errCount')(fieldLabel(name))); return undefined; }
    if (n > MAX_CHILDREN) { errors.set(name, t('errMax')(fieldLabel(name), fmtNum(MAX_CHILDREN))); return undefined; }
    return n;
  };
  const total = read('ch-total');
  const registered = read('ch-registered');
  const recognised = read('ch-recognised');
  if (total === null && (registered ?? recognised) !== null && (registered ?? recognised) !== undefined) {
    errors.set(registered !== null ? 'ch-registered' : 'ch-recognised', t('errChildNeedsTotal')(fieldLabel('ch-total')));
  }
  if (typeof total === 'number' && typeof registered === 'number' && registered > total) {
    errors.set('ch-registered', t('errChildLarger')(fieldLabel('ch-registered'), fieldLabel('ch-total')));
  }
  const cap = typeof registered === 'number' ? registered : total;
  if (typeof cap === 'number' && typeof recognised === 'number' && recognised > cap) {
    errors.set('ch-recognised', t('errChildLarger')(fieldLabel('ch-recognised'), fieldLabel(typeof registered === 'number' ? 'ch-registered' : 'ch-total')));
  }
  return { total, registered, recognised };
}

/**
 * The dataset of the self-assessment, with the page's own input errors (a field that is not
 * a number at all, the simulation's counts). Values are passed to the core as typed: the
 * core refuses what is not valid (2.5, -1, 300 of 200), and the page shows it by the field.
 */
function selfDataset(errors) {
  const kind = state.kind;
  const ks = kindState();
  const sub = ks.subkind;
  const year = state.year;
  const units = [{ id: 'P', name: t('kinds').province, kind: 'province', subkind: 'tinh' }];
  // Before the 2025 reform a commune sits in a district; from 1 July 2025 in the province.
  const communeParent = year < 2025 ? 'D' : 'P';
  if (year < 2025) units.push({ id: 'D', name: t('kinds').district, kind: 'district', subkind: 'huyen', parent: 'P', valid_until: '2025-06-30' });
  const self = kind === 'commune' ? 'C' : 'U';
  const selfName = state.unitName.trim() || t('kinds')[kind];
  const communeName = kind === 'commune' ? selfName : (state.communeName.trim() || t('sub').xa);
  units.push(unitOf('commune', kind === 'commune' ? sub : 'xa', 'C', communeName, communeParent));
  if (kind !== 'commune') units.push(unitOf(kind, sub, 'U', selfName, 'C'));

  const ev = { unit: self, year, attested: {} };
  const fields = new Map();
  for (const input of document.querySelectorAll('#fields [name], #attested [name]')) {
    const name = input.name;
    if (input.validity?.badInput) { errors.set(name, t('errNotNumber')(fieldLabel(name))); continue; }
    const v = input.value.trim();
    if (v === '') continue;
    if (name.startsWith('attested:')) { ev.attested[name.slice(9)] = v; continue; }
    const info = state.indicators.get(name);
    if (!info) continue;
    fields.set(name, v);
    if (info.value_type === 'count') ev[name] = Number(v);
    else if (info.value_type === 'flag') ev[name] = v === 'true';
    else ev[name] = v;
  }
  const evidence = [ev];
  // An incident whose date is cleared (or not a whole date yet) is an error by its field,
  // never left out: without it a unit could pass the criterion its incident fails.
  ks.incidents.forEach((inc, i) => { if (!inc.date) errors.set(`inc-date-${i}`, t('errDate')(t('incidentDate')(i + 1))); });
  const incidents = ks.incidents.map((i) => ({ unit: self, date: i.date, category: i.category }));

  let counts = null;
  state.unitNames = new Map(units.map((u) => [u.id, u.name]));
  if (kind === 'commune') {
    counts = childCounts(errors);
    const { total, registered, recognised } = counts;
    if (total === null) {
      // Unknown number of units: one unit whose results are unknown keeps CW-4 undetermined.
      units.push({ id: 'C-unknown', name: t('childUnknownName'), kind: 'residential_area', subkind: 'thon', parent: 'C' });
      state.unitNames.set('C-unknown', t('childUnknownName'));
    } else if (typeof total === 'number') {
      for (let i = 1; i <= total; i++) {
        const id = `C-${String(i).padStart(3, '0')}`;
        units.push({ id, name: t('childName')(i), kind: 'residential_area', subkind: 'thon', parent: 'C' });
        state.unitNames.set(id, t('childName')(i));
        if (registered === null) continue; // registration unknown: no evidence at all
        const e = passingEvidence(id, 'residential_area', year);
        const key = Object.keys(e.attested)[0];
        if (i > registered) { delete e.registration_date; e.registered = false; }
        // Recognition unknown: the review's conclusion left out; not recognised: one item not met.
        if (recognised === null) delete e.attested[key];
        else if (i > recognised && key) e.attested[key] = 'no';
        evidence.push(e);
      }
    }
  }
  const description = counts ? `antq self-assessment; children: total=${counts.total ?? ''} registered=${counts.registered ?? ''} recognised=${counts.recognised ?? ''}` : 'antq self-assessment';
  return {
    unit: self, fields,
    data: { format_version: 1, meta: { title: `${t('printTitle')}: ${selfName}`, synthetic: false, description }, units, evidence, incidents },
  };
}

// ----- errors: in the page's language, by the field ------------------------------------

/** The core's refusal, as messages by field (the field named, in the page's language). */
function fieldErrorsOf(err, selfUnit, fields, errors) {
  const rest = [];
  const pairs = ratioPairs();
  for (const p of err.details ?? []) {
    const m = /^evidence\[0\]\.([a-z_]+)$/.exec(p.location?.path ?? '');
    if (m) {
      const name = m[1];
      const info = state.indicators.get(name);
      const label = fieldLabel(name);
      let msg;
      if (p.code === 'bad_value' && pairs.has(name) && fields.has(pairs.get(name))) {
        const den = pairs.get(name);
        msg = t('errLarger')(label, fmtNum(Number(fields.get(name))), fieldLabel(den), fmtNum(Number(fields.get(den))));
      } else if (info?.value_type === 'count') msg = t('errCount')(label);
      else if (info?.value_type === 'date') msg = t('errDate')(label);
      else msg = t('errValue')(label);
      if (!errors.has(name)) errors.set(name, msg);
      continue;
    }
    if (p.code === 'kind_not_in_year' && (p.location?.unit === selfUnit || p.location?.unit === 'C')) {
      errors.set('subkind', t('errKindYear')(t('sub')[kindState().subkind], state.year));
      continue;
    }
    const inc = /^incidents\[(\d+)\]/.exec(p.location?.path ?? '');
    if (inc) {
      const n = Number(inc[1]);
      if (p.code === 'unknown_category') errors.set(`inc-cat-${n}`, t('errCategory')(n + 1));
      else errors.set(`inc-date-${n}`, t('errDate')(t('incidentDate')(n + 1)));
      continue;
    }
    rest.push(p);
  }
  return rest;
}

function showFieldErrors(errors) {
  for (const e of document.querySelectorAll('#form .field-error')) { e.hidden = true; e.textContent = ''; }
  for (const i of document.querySelectorAll('#form [aria-invalid]')) i.removeAttribute('aria-invalid');
  for (const [name, msg] of errors) {
    const input = document.querySelector(`#form [name="${CSS.escape(name)}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    let box = $(errId(name));
    if (!box) {
      box = el('p', { class: 'field-error', id: errId(name) });
      input.after(box);
      input.setAttribute('aria-describedby', errId(name));
    }
    box.hidden = false;
    box.textContent = msg;
  }
}

/** An error with no field: its code and the problems, in the page's language where known. */
function generalError(box, err, problems) {
  box.hidden = false;
  const heading = t('errors')[err.code] ?? t('errGeneral').replace(/:$/, '');
  const lines = [`${heading} (${t('errCode')}: ${err.code ?? 'error'}):`];
  const list = problems ?? err.details ?? [];
  const at = t('errAt');
  for (const p of list.slice(0, 20)) {
    const l = p.location ?? {};
    const where = [l.file && `${at.file} ${l.file}`, l.line && `${at.line} ${l.line}`, l.path && `${at.path} ${l.path}`, l.unit && `${at.unit} ${l.unit}`].filter(Boolean).join(', ');
    const what = t('problems')[p.code];
    lines.push(`• ${where ? `${where}: ` : ''}${what ? `${what} — ${t('errDetail')}: ` : ''}${localise(p.message)}`);
  }
  if (list.length > 20) lines.push(`• … (+${list.length - 20})`);
  if (!list.length) lines.push(`• ${localise(err.message.split('\n')[0])}`);
  box.textContent = lines.join('\n');
}

// ----- the result ----------------------------------------------------------------------

/** Lints about evidence kept for other rule sets or other kinds, which change no result here. */
const QUIET_LINTS = ['unused_key', 'unused_indicator', 'former_key'];

/** The evaluation's lints, one item each (code in the page's language, the core's detail):
 * what it read but did not count, or could not review, is shown with the result it
 * concerns, never only kept in the data. */
function lintItems(lints) {
  return lints.map((p) => {
    const what = t('problems')[p.code];
    // The core's sentence in the page's language where it has one (`message_vi`), its
    // quoted ids named as the page names them.
    const vi = state.lang === 'vi' ? p.message_vi : undefined;
    const detail = (vi ?? p.message).replace(/`([^`]+)`/g, (_, c) => `«${codeLabel(c)}»`);
    const label = vi ? t('lintDetail') : t('errDetail');
    return el('li', { 'data-code': p.code }, `${what ? `${what} — ${label}: ` : `${p.code}: `}${detail}`);
  });
}

function renderNotes(lints) {
  $('notes-box').hidden = lints.length === 0;
  $('notes').replaceChildren(...lintItems(lints));
}

function verdictText(o) {
  const labels = {
    out_of_scope: ['Không thuộc phạm vi', 'Out of scope'],
    meets: ['Đạt', 'Meets the standard'], does_not_meet: ['Chưa đạt', 'Does not meet the standard'],
    undetermined: ['Chưa xác định', 'Undetermined'],
    typical: ['Điển hình', 'Typical'], not_selected: ['Đủ điều kiện, chưa được chọn', 'Qualifies, not selected'], not_typical: ['Không điển hình', 'Not typical'],
  };
  if (o.status === 'level') return o.label?.[state.lang] ?? o.level;
  const l = labels[o.status];
  return l ? l[state.lang === 'vi' ? 0 : 1] : o.status;
}

const MARK = { met: '✓', not_met: '✗', unknown: '?', na: '–' };
const markLabel = (s) => t({ met: 'markMet', not_met: 'markNotMet', unknown: 'markUnknown', na: 'markNa' }[s]);

/**
 * Which checks are not needed: a branch of a group that is met without it (an "any" or
 * "k of n" group the core reports as met). Only the core's statuses are read.
 */
function neededFlags(checks) {
  const stack = [];
  return checks.map((k) => {
    while (stack.length && stack.at(-1).depth >= k.depth) stack.pop();
    const unneeded = k.status !== 'met' && stack.some((a) => (a.test === 'any' || a.test === 'k_of_n') && a.status === 'met');
    stack.push(k);
    return !unneeded;
  });
}

function renderVerdictBar(u, invalidCount, firstInvalid) {
  const v = $('verdict');
  const note = $('verdict-note');
  if (invalidCount) {
    v.className = 'verdict invalid';
    v.dataset.status = 'invalid';
    v.textContent = t('invalid')(invalidCount);
    note.replaceChildren(t('invalidNote'), ' ', el('button', { type: 'button', class: 'link', onclick: () => firstInvalid?.focus() }, t('goToError')));
    $('result').classList.add('stale');
    announce(v.textContent);
    return;
  }
  $('result').classList.remove('stale');
  v.className = `verdict ${u.outcome.status}`;
  v.dataset.status = u.outcome.status;
  v.textContent = `${verdictText(u.outcome)}${u.of ? ` · ${u.met}/${u.of} ${t('met')}` : ''}`;
  note.textContent = u.outcome.status === 'out_of_scope' ? localise(u.outcome.reason[state.lang]) : '';
  announce(v.textContent);
}

/** Announces the verdict only, and only when it changes (not on every keystroke). */
let announceTimer;
function announce(text) {
  if (text === state.lastVerdict) return;
  state.lastVerdict = text;
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { $('announce').textContent = text; }, 600);
}

function renderResult(u, text, childrenUnknown) {
  const full = $('verdict-full');
  full.className = `verdict ${u.outcome.status}`;
  full.textContent = `${verdictText(u.outcome)}${u.of ? ` · ${u.met}/${u.of} ${t('met')}` : ''}`;
  const facts = [...decidedBy(), [t('window'), `${fmtDate(u.window.start)} – ${fmtDate(u.window.end)}`]];
  if (u.recognised_by) facts.push([t('recognisedBy'), `${u.recognised_by.label[state.lang]} (${t('certainty')[u.recognised_by.certainty] ?? u.recognised_by.certainty})`]);
  if (u.outcome.status === 'out_of_scope') facts.push(['', localise(u.outcome.reason[state.lang])]);
  for (const i of u.illustrative ?? []) facts.push([t('illustrative'), localise(i)]);
  $('facts').replaceChildren(...facts.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val)]));
  $('criteria').replaceChildren(...u.criteria.map((c) => {
    const needed = neededFlags(c.checks);
    return el('li', { class: c.status, 'data-criterion': c.id },
      el('div', { class: 'crit-head' },
        el('span', { class: 'mark', role: 'img', 'aria-label': markLabel(c.status) }, MARK[c.status]),
        el('span', { class: 'crit-id' }, c.id),
        el('span', {}, c.label[state.lang] + (c.mandatory ? '' : ` (${t('optional')})`))),
      el('div', { class: 'basis' }, c.legal_basis.map((b) => [b.document, b.article && `Điều ${b.article}`, b.clause && `khoản ${b.clause}`].filter(Boolean).join(', ')).join('; '),
        ` (${t('certainty')[c.certainty] ?? c.certainty})`),
      c.id === 'CW-4' && childrenUnknown ? el('p', { class: 'note' }, t('childrenUnknownNote')) : null,
      el('ul', { class: 'checks' }, c.checks.map((k, i) => {
        const st = needed[i] ? k.status : 'na';
        return el('li', { class: `check ${st}`, style: `margin-left:${k.depth * 1.1}rem`, 'data-test': k.test },
          el('span', { class: `mark ${st}`, role: 'img', 'aria-label': markLabel(st) }, MARK[st]), ' ', localise(k.explanation[state.lang]), ' ',
          st === 'na'
            ? el('span', { class: 'obs' }, `(${t('notNeeded')}: ${t('notNeededWhy')})`)
            : el('span', { class: 'obs' }, '[', t('observed'), ': ', el('b', {}, localise(k.observed) ?? '–'), '; ', t('needs'), ': ',
              el('b', {}, k.test === 'attested' ? t('needAtt') : localise(k.threshold)), ']'));
      })));
  }));
  const failed = u.criteria.filter((c) => c.status === 'not_met').map((c) => c.id);
  // The units under a commune: one line per criterion (their count), not one per unit.
  const childMissing = new Map();
  const missing = [];
  for (const m of u.missing) {
    if (m.kind !== 'child') { missing.push(m); continue; }
    if (!childMissing.has(m.criterion)) missing.push({ criterion: m.criterion, kind: 'child', key: 'children', units: childMissing.set(m.criterion, new Set()).get(m.criterion) });
    childMissing.get(m.criterion).add(m.key);
  }
  $('missing').replaceChildren(...(missing.length
    ? missing.map((m) => el('li', { 'data-key': m.key }, `${m.criterion}: ${m.units ? t('childrenMissing')(fmtNum(m.units.size)) : localise(m.text[state.lang])}`))
    : [el('li', { class: 'none' }, failed.length ? t('nothingMissingFailed')(failed.join(', ')) : t('nothingMissing'))]));
  $('explanation').textContent = localise(text.replace(/^[A-Z]+ — /, ''));
  $('window-hint').textContent = t('windowHint')({ start: fmtDate(u.window.start), end: fmtDate(u.window.end) });
  $('whatif-box').hidden = u.outcome.status !== 'does_not_meet';
  $('whatif-out').replaceChildren();
  renderPrintHead(u);
}

/** What decided a verdict, from an evaluation's decision record `d`: the rule set's title,
 * id, version, supplements and content hash; the period it applies in (with how certain that
 * is); the reference date. As label–value pairs. */
function decidedBy(d = state.decision, title = state.rulesTitle ?? '') {
  if (!d) return [[t('ruleSet'), title]];
  const e = d.effective;
  const period = `${fmtDate(e.from)} – ${e.until ? fmtDate(e.until) : '…'} (${t('certainty')[e.certainty] ?? e.certainty})`;
  const sups = d.supplements.map((s) => ` + ${s.id} ${s.version}`).join('');
  return [[t('ruleSet'), `${title} — ${d.rule_set} ${d.version}${sups} (sha256:${d.content_hash.slice(0, 12)})`],
    [t('inForce'), period], [t('asOf'), fmtDate(d.as_of)]];
}

function renderPrintHead(u) {
  const kind = state.kind;
  const rows = [
    [t('unitLabel'), state.unitName.trim() || t('unnamed')],
    [t('kindLabel'), `${t('kinds')[kind]} — ${t('sub')[kindState().subkind]}`],
  ];
  if (kind !== 'commune') rows.push([t('communeLabel'), state.communeName.trim() || t('unnamed')]);
  rows.push([t('year'), String(state.year)], ...decidedBy(), [t('printedOn'), fmtDate(todayIso())]);
  $('print-head').replaceChildren(el('p', { class: 'print-title' }, t('printTitle')),
    el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  $('print-foot').textContent = t('printFoot');
}

const rulesByYear = new Map();
/** The rule set of `family` in force for `year` (a `{ ok: false }` result when none is). */
/** The form follows the criteria of the text in force in the chosen year. */
function syncRules() {
  const r = rulesFor(state.year);
  if (r.ok) state.rulesData = r.value.toJSON();
}

function rulesFor(year, family = RULES_FAMILY) {
  const key = `${family}@${year}`;
  if (!rulesByYear.has(key)) rulesByYear.set(key, antq.RuleSet.tryResolve(family, year));
  return rulesByYear.get(key);
}

function update() {
  if (!state.rules) return;
  const errors = new Map();
  const { unit, data, fields } = selfDataset(errors);
  state.last = null;
  const formError = $('form-error');
  formError.hidden = true;
  let u = null;
  let text = '';
  if (!errors.size) {
    const rs = rulesFor(state.year);
    if (rs.ok) { state.rulesTitle = rs.value.title[state.lang]; $('rules-title').textContent = state.rulesTitle; }
    const dsr = antq.Dataset.tryFromObject(data);
    const r = !dsr.ok ? dsr : !rs.ok ? rs : antq.tryEvaluate(dsr.value, rs.value, state.year);
    if (dsr.ok) dsr.value.free();
    if (r.ok) {
      u = r.value.unit(unit);
      state.decision = r.value.decision;
      text = r.value.explain(unit, state.lang);
      renderNotes(r.value.lints());
      r.value.free();
      state.last = { unit, data };
    } else {
      const rest = fieldErrorsOf(r.error, unit, fields, errors);
      if (rest.length || !errors.size) generalError(formError, r.error, rest);
    }
  }
  showFieldErrors(errors);
  const firstInvalid = document.querySelector('#form [aria-invalid="true"]');
  if (errors.size || !u) {
    renderVerdictBar(null, Math.max(errors.size, 1), firstInvalid ?? formError);
    return;
  }
  renderVerdictBar(u, 0);
  renderResult(u, text, state.kind === 'commune' && $('ch-total').value.trim() === '');
}

// ----- what it still takes (the analysis module, loaded on demand) ----------------------

let full = null;
async function whatItTakes() {
  const out = $('whatif-out');
  if (!state.last) return;
  const { unit, data } = state.last;
  out.replaceChildren(el('p', { class: 'hint' }, t('whatIfLoading')));
  try {
    if (!full) { full = await import('./pkg/full.js'); await full.default(); }
    const ds = full.Dataset.fromObject(data);
    const rs = full.RuleSet.resolve(RULES_FAMILY, state.year);
    const r = full.tryWhatIf(ds, rs, state.year, [unit], { verify: true });
    ds.free(); rs.free();
    if (!r.ok) { generalError(out, r.error); return; }
    const plan = r.value.plans[0];
    out.replaceChildren(
      el('p', { class: `plan ${plan.status}` }, t('planStatus')[plan.status] ?? plan.status),
      el('ul', { class: 'plan-changes' }, plan.changes.map((c) => el('li', { class: c.kind, 'data-criterion': c.criterion },
        el('b', {}, `${t('changeKind')[c.kind] ?? c.kind} (${c.criterion}): `), localise(c.text[state.lang])))),
      ...plan.notes.map((n) => el('p', { class: 'hint' }, localise(n[state.lang]))),
      plan.verified && plan.status === 'reachable' ? el('p', { class: 'hint' }, t('verifiedPlan')) : null);
  } catch (e) {
    generalError(out, e);
  }
}

// ----- save, open, print -----------------------------------------------------------------

function download(name, text, type) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
}

function saveSelf() {
  const { data } = selfDataset(new Map());
  const slug = (state.unitName.trim() || state.kind).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'don-vi';
  download(`tu-danh-gia-${slug}-${state.year}.json`, `${JSON.stringify(data, null, 2)}\n`, 'application/json');
}

/** Opens a saved self-assessment: read (and checked) by the core, then put back into the form. */
async function openSelf(file) {
  const box = $('form-error');
  const text = await file.text();
  const r = antq.Dataset.tryFromText(text, file.name);
  if (!r.ok) { box.hidden = false; generalError(box, r.error); box.prepend(`${t('openFailed')(file.name)}\n`); return; }
  const data = r.value.toJSON();
  r.value.free();
  const self = data.units.find((u) => u.id === 'U') ?? data.units.find((u) => u.id === 'C');
  if (!self || !SUBKINDS[self.kind]) { box.hidden = false; box.textContent = `${t('openFailed')(file.name)}\n• ${t('errGeneral')} U / C`; return; }
  const commune = data.units.find((u) => u.id === 'C');
  const records = (data.evidence ?? []).filter((e) => e.unit === self.id);
  const ev = records[0] ?? { attested: {} };
  const sub = self.kind === 'enterprise' ? self.size : self.kind === 'school' ? self.level : self.kind === 'agency' ? (self.armed_forces ? 'armed_forces' : 'civil') : self.subkind;
  // A year or a sub-kind the page does not offer is said, never replaced by the page's own
  // (the file's evidence would be evaluated as another year's, or another kind's).
  const refuse = (why) => { box.hidden = false; box.textContent = `${t('openFailed')(file.name)}\n• ${why}`; };
  if (records.length > 1) return refuse(t('openYears')(records.map((e) => e.year).join(', ')));
  if (ev.year !== undefined && !YEARS.includes(ev.year)) return refuse(t('openYear')(ev.year));
  if (!SUBKINDS[self.kind].includes(sub)) return refuse(t('openSub')(t('kinds')[self.kind], sub));
  const values = {};
  for (const [k, v] of Object.entries(ev)) {
    if (state.indicators.has(k)) values[k] = String(v);
  }
  for (const [k, v] of Object.entries(ev.attested ?? {})) if (v !== 'unknown') values[`attested:${k}`] = v;
  const m = /children: total=(\d*) registered=(\d*) recognised=(\d*)/.exec(data.meta?.description ?? '');
  if (m) { values['ch-total'] = m[1]; values['ch-registered'] = m[2]; values['ch-recognised'] = m[3]; }
  state.kind = self.kind;
  if (YEARS.includes(ev.year)) state.year = ev.year;
  syncRules();
  state.unitName = self.name;
  state.communeName = self.kind === 'commune' ? '' : (commune?.name ?? '');
  // What the file gives that the form of this kind and year does not read is said, by name.
  const needs = needsOf(self.kind);
  const unread = [
    ...Object.keys(ev).filter((k) => state.indicators.has(k) && !needs.indicators.some((i) => i.key === k)).map(fieldLabel),
    ...Object.entries(ev.attested ?? {}).filter(([k, v]) => v !== 'unknown' && !needs.attested.some((a) => a.key === k)).map(([k]) => k),
    ...Object.keys(ev.points ?? {}),
  ];
  state.perKind[self.kind] = {
    subkind: sub,
    values,
    incidents: (data.incidents ?? []).filter((i) => i.unit === self.id).map((i) => ({ category: i.category, date: i.date })),
  };
  persist();
  syncUnitControls();
  buildSubkinds();
  buildForm();
  $('status-line')?.remove();
  const said = unread.length ? ` ${t('openedUnread')(unread.length, unread.map((k) => `«${k}»`).join(', '))}` : '';
  $('form').prepend(el('p', { id: 'status-line', class: 'hint', role: 'status' }, `${t('opened')(file.name)}${said}`));
}

function syncUnitControls() {
  $('kind').value = state.kind;
  $('year').value = String(state.year);
  $('unit-name').value = state.unitName;
  $('commune-name').value = state.communeName;
}

// ----- province view -------------------------------------------------------------------

const prov = { sort: { key: 'district', dir: 1 }, filter: '', search: '', rows: [], communes: [], evaluation: null, lints: [], supplements: new Map(), allUnits: new Map() };
/** What counts as a positive outcome under each instrument (D510 has levels, not a pass). */
const POSITIVE = { 'vn.c124': ['meets'], 'vn.typical.communes': ['typical'], 'vn.d510': [] };

function loadProvince(ds, name, supplements = new Map()) {
  if (state.province) state.province.free();
  state.province = ds;
  state.provinceName = name;
  prov.supplements = supplements;
  // Names and kinds of every unit (districts are not evaluated, but communes are grouped by them).
  prov.allUnits = new Map(ds.toJSON().units.map((u) => [u.id, u]));
  const years = ds.years();
  $('p-year').replaceChildren(...years.map((y) => el('option', { value: y }, String(y))));
  if (years.includes(2023)) $('p-year').value = '2023';
  renderProvince();
}

function clearProvince() {
  if (state.province) state.province.free();
  state.province = null;
  prov.evaluation?.free();
  prov.evaluation = null;
  prov.communes = [];
  $('p-title').textContent = '';
  $('p-summary').replaceChildren();
  $('chart').replaceChildren();
  $('communes').tBodies[0].replaceChildren();
  $('p-year').replaceChildren();
  $('drill').hidden = true;
}

function renderProvince() {
  const ds = state.province;
  if (!ds) return;
  const box = $('p-error');
  box.hidden = true;
  const supNote = prov.supplements.get($('p-instrument').value || RULES_FAMILY);
  $('p-title').textContent = `${ds.title || state.provinceName}${ds.synthetic ? ` — ${t('synthetic')}` : ''}`;
  if (supNote) $('p-title').append(el('br'), el('span', { class: 'hint' }, t('supplementFor')(supNote.name, t('instrumentNames')[$('p-instrument').value])));
  const year = Number($('p-year').value);
  const family = $('p-instrument').value || RULES_FAMILY;
  let rs = rulesFor(year, family);
  const sup = prov.supplements.get(family);
  if (rs.ok && sup) rs = rs.value.tryWithSupplement(sup.text, sup.name);
  const r = rs.ok ? antq.tryEvaluate(ds, rs.value, year) : rs;
  const title = rs.ok ? rs.value.title[state.lang] : '';
  if (sup && rs.ok) rs.value.free();
  prov.evaluation?.free();
  prov.evaluation = null;
  if (!r.ok) {
    generalError(box, r.error);
    prov.communes = [];
    prov.lints = [];
    $('p-summary').replaceChildren();
    $('chart').replaceChildren();
    $('communes').tBodies[0].replaceChildren();
    return;
  }
  prov.evaluation = r.value;
  prov.lints = r.value.lints();
  $('p-title').append(el('br'), el('span', { class: 'hint', id: 'p-decided' },
    decidedBy(r.value.decision, title).map(([k, v]) => `${k}: ${v}`).join(' · ')));
  const rows = r.value.rows();
  // The share meeting per parent is counted once, in the core (Evaluation.shares).
  const byParent = new Map(r.value.shares().map((p) => [p.parent, { meets: p.meeting, total: p.units }]));
  const results = new Map(r.value.units().map((u) => [u.unit, u]));
  prov.communes = rows.filter((row) => row.kind === 'commune').map((row) => {
    const s = byParent.get(row.unit) ?? { meets: 0, total: 0 };
    const parent = prov.allUnits.get(row.parent ?? '');
    const district = parent?.kind === 'district' ? parent.name : null;
    return { ...row, district, label: outcomeLabelOf(row, results.get(row.unit)), meets: s.meets, total: s.total, share: s.total ? s.meets / s.total : null };
  });
  prov.family = family;
  prov.unitCount = rows.length;
  const outcomes = [...new Set(prov.communes.map((c) => c.label))];
  const current = $('p-filter').value;
  $('p-filter').replaceChildren(el('option', { value: '' }, t('all')), ...outcomes.map((o) => el('option', { value: o }, o)));
  $('p-filter').value = outcomes.includes(current) ? current : '';
  prov.filter = $('p-filter').value;
  renderProvinceTable();
}

function outcomeLabelOf(row, u) {
  return verdictText(u?.outcome ?? { status: row.outcome });
}

const positive = (c) => (POSITIVE[prov.family] ?? []).includes(c.outcome);

function visibleCommunes() {
  const q = prov.search.trim().toLowerCase().normalize('NFC');
  const list = prov.communes.filter((c) => (!prov.filter || c.label === prov.filter)
    && (!q || `${c.unit} ${c.name} ${c.district ?? ''}`.toLowerCase().normalize('NFC').includes(q)));
  const { key, dir } = prov.sort;
  const val = (c) => ({ district: `${c.district ?? ''}\u0000${c.name}`, name: c.name, unit: c.unit, outcome: c.label, share: c.share ?? -1, units: c.total, failed: c.failed.join(', ') }[key]);
  return list.sort((a, b) => {
    const x = val(a); const y = val(b);
    return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'vi')) * dir;
  });
}

const COLUMNS = [
  ['district', 'colDistrict'], ['unit', 'colCommune'], ['name', 'colName'], ['outcome', 'colOutcome'], ['units', 'colUnits'], ['share', 'colShare'], ['failed', 'colFailed'],
];

function renderProvinceTable() {
  const all = prov.communes;
  const shown = visibleCommunes();
  const hasDistricts = all.some((c) => c.district);
  const c124 = prov.family === RULES_FAMILY;
  const cols = COLUMNS.filter(([k]) => (k !== 'district' || hasDistricts) && (c124 || !['units', 'share'].includes(k)));
  // Summary: counts and shares.
  const meeting = all.filter(positive).length;
  const counts = new Map();
  for (const c of all) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
  // (replaceChildren would write a left-out part as the text "null": they are filtered.)
  $('p-summary').replaceChildren(...[
    el('p', {}, t('summary')(fmtNum(prov.unitCount), fmtNum(all.length))),
    all.length && POSITIVE[prov.family]?.length ? el('p', { class: 'p-meeting' }, t('communesMeeting')(fmtNum(meeting), fmtNum(all.length), fmtPct(meeting / all.length))) : null,
    all.length ? el('ul', { class: 'counts', 'aria-label': t('outcomeCounts') }, [...counts].map(([k, n]) => el('li', {}, `${k}: ${fmtNum(n)} (${fmtPct(n / all.length)})`))) : null,
    // Open when a note bears on the results (evidence not reviewed, incidents not counted, a
    // tie, no evidence of the year); keys kept for other rule sets only show their count.
    prov.lints.length ? el('details', { class: 'p-notes', open: prov.lints.some((l) => !QUIET_LINTS.includes(l.code)) },
      el('summary', {}, `${t('notes')} (${fmtNum(prov.lints.length)})`),
      el('p', { class: 'hint' }, t('notesHint')), el('ul', { id: 'p-notes' }, lintItems(prov.lints))) : null,
    el('p', { class: 'hint' }, t('shown')(fmtNum(shown.length), fmtNum(all.length)))].filter(Boolean));
  $('table-caption').textContent = `${t('instrumentNames')[prov.family] ?? prov.family} — ${$('p-year').value}`;
  $('p-head').replaceChildren(...cols.map(([k, label]) => {
    const sorted = prov.sort.key === k;
    return el('th', { scope: 'col', 'aria-sort': sorted ? (prov.sort.dir > 0 ? 'ascending' : 'descending') : null },
      el('button', { type: 'button', class: 'sort', 'data-sort': k, onclick: () => { prov.sort = { key: k, dir: sorted ? -prov.sort.dir : 1 }; renderProvinceTable(); $('p-head').querySelector(`[data-sort="${k}"]`).focus(); } },
        t(label), el('span', { 'aria-hidden': 'true' }, sorted ? (prov.sort.dir > 0 ? ' ▲' : ' ▼') : '')));
  }));
  const body = [];
  let lastDistrict;
  const grouped = hasDistricts && prov.sort.key === 'district';
  for (const c of shown) {
    if (grouped && c.district !== lastDistrict) {
      lastDistrict = c.district;
      const inD = all.filter((x) => x.district === c.district);
      body.push(el('tr', { class: 'group' }, el('th', { scope: 'rowgroup', colspan: String(cols.length) },
        POSITIVE[prov.family]?.length ? t('districtTotal')(c.district ?? t('noDistrict'), fmtNum(inD.filter(positive).length), fmtNum(inD.length)) : (c.district ?? t('noDistrict')))));
    }
    const cells = {
      district: el('td', {}, c.district ?? t('noDistrict')),
      unit: el('td', {}, c.unit),
      name: el('td', {}, el('button', { type: 'button', class: 'link drill-open', 'aria-label': t('details')(c.name), onclick: (e) => drill(c, e.currentTarget) }, c.name)),
      outcome: el('td', { class: c.outcome }, c.label),
      units: el('td', { class: 'num' }, `${fmtNum(c.meets)} / ${fmtNum(c.total)}`),
      share: el('td', { class: 'num' }, c.share === null ? '–' : fmtPct(c.share)),
      failed: el('td', {}, c.failed.join(', ')),
    };
    body.push(el('tr', { 'data-unit': c.unit }, cols.map(([k]) => cells[k])));
  }
  if (!all.length) body.push(el('tr', {}, el('td', { colspan: String(cols.length) }, t('noCommunes'))));
  else if (!shown.length) body.push(el('tr', {}, el('td', { colspan: String(cols.length) }, t('noMatch'))));
  $('communes').tBodies[0].replaceChildren(...body);
  renderChart(shown);
}

function drill(c, opener) {
  if (!prov.evaluation) return;
  state.unitNames = new Map(prov.communes.map((x) => [x.unit, x.name]));
  $('drill-title').textContent = `${c.name} (${c.unit}) — ${c.label}`;
  $('drill-text').textContent = localise(prov.evaluation.explain(c.unit, state.lang));
  $('drill').hidden = false;
  prov.opener = opener;
  $('drill').focus();
}

function csvOf(list) {
  const head = ['district', 'unit', 'name', 'outcome', 'units_meeting', 'units_in_scope', 'share', 'failed'];
  const q = (v) => { const s = v === null || v === undefined ? '' : String(v); return /[",\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };
  const lines = [head.join(',')];
  for (const c of list) lines.push([c.district ?? '', c.unit, c.name, c.label, c.meets, c.total, c.share === null ? '' : (c.share * 100).toFixed(1), c.failed.join(';')].map(q).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function renderChart(communes) {
  const shares = prov.family === RULES_FAMILY;
  const caption = shares ? t('chartCaption') : t('chartCaptionOther');
  $('chart-caption').textContent = caption;
  // Circular 124: each commune's share of units meeting the standard. Other instruments
  // evaluate the commune alone (no share): the communes counted by outcome.
  const bars = shares ? communes.map((c) => ({ key: c.unit, name: c.name, outcome: c.outcome, share: c.share,
    title: `${c.unit} ${c.name}: ${c.meets}/${c.total}`, label: c.share === null ? '–' : fmtPct(c.share) }))
    : [...communes.reduce((m, c) => m.set(c.label, [...(m.get(c.label) ?? []), c]), new Map())]
      .sort((a, b) => b[1].length - a[1].length).map(([label, cs]) => ({ key: label, name: label, outcome: cs[0].outcome,
      share: cs.length / communes.length, title: `${label}: ${cs.length}/${communes.length}`,
      label: `${fmtNum(cs.length)} (${fmtPct(cs.length / communes.length)})` }));
  const bar = 18, gap = 6, left = 190, width = 720, right = 70;
  const height = bars.length * (bar + gap) + 30;
  const x = (share) => left + share * (width - left - right);
  const color = { meets: '#1b7f3b', does_not_meet: '#b3261e', not_typical: '#b3261e', undetermined: '#8a6d00', typical: '#1b7f3b', level: '#1b7f3b' };
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${caption} ${t('shown')(communes.length, prov.communes.length)}` },
    bars.map((b, i) => {
      const y = 10 + i * (bar + gap);
      const w = b.share === null ? 0 : x(b.share) - left;
      return svg('g', shares ? { 'data-unit': b.key } : { 'data-outcome': b.key },
        svg('text', { x: left - 8, y: y + bar * 0.75, 'text-anchor': 'end' }, `${b.name}`.slice(0, 28)),
        svg('rect', { x: left, y, width: Math.max(w, 1), height: bar, fill: color[b.outcome] ?? '#5f6368', rx: 2 },
          svg('title', {}, b.title)),
        svg('text', { x: left + Math.max(w, 1) + 6, y: y + bar * 0.75 }, b.label));
    }),
    shares ? [svg('line', { x1: x(0.7), x2: x(0.7), y1: 4, y2: height - 20, stroke: '#202124', 'stroke-dasharray': '4 3' }),
      svg('text', { x: x(0.7), y: height - 6, 'text-anchor': 'middle' }, '70%')] : [],
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
  for (const e of document.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', t(e.dataset.i18nLabel));
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  if (!state.rules) return;
  $('loading').hidden = true;
  $('rules-title').textContent = state.rulesTitle ?? '';
  $('kind').replaceChildren(...Object.keys(SUBKINDS).map((k) => {
    const o = el('option', { value: k }, t('kinds')[k]);
    o.selected = k === state.kind;
    return o;
  }));
  const inst = $('p-instrument').value || RULES_FAMILY;
  $('p-instrument').replaceChildren(...INSTRUMENTS.map((f) => el('option', { value: f }, t('instrumentNames')[f])));
  $('p-instrument').value = inst;
  state.lastVerdict = '';
  buildSubkinds();
  buildForm();
  if (state.province) renderProvince();
}

function selectTab(which, focus = false) {
  for (const name of ['self', 'province']) {
    const tab = $(`tab-${name}`);
    tab.setAttribute('aria-selected', String(name === which));
    tab.tabIndex = name === which ? 0 : -1;
    $(`view-${name}`).hidden = name !== which;
  }
  if (focus) $(`tab-${which}`).focus();
  if (which === 'province' && !state.province) loadSample();
}

/** The synthetic sample province, a static file beside the page (not inside the module). */
async function loadSample() {
  const get = async (f) => (await fetch(`pkg/sample/${f}`)).text();
  const [text, d510, typical] = await Promise.all([get('province.json'), get('d510-supplement.toml'), get('typical-supplement.toml')]);
  $('p-error').hidden = true;
  // The sample's own (sample) supplements: the D510 sheet completed, the typical-commune pass rule.
  loadProvince(antq.Dataset.fromText(text, 'sample/province.json'), 'sample/province.json', new Map([
    ['vn.d510', { text: d510, name: 'sample/d510-supplement.toml' }], ['vn.typical.communes', { text: typical, name: 'sample/typical-supplement.toml' }]]));
}

function wire() {
  $('form').addEventListener('input', (e) => {
    const n = e.target.name;
    if (n === 'unit-name') { state.unitName = e.target.value; persist(); update(); return; }
    if (n === 'commune-name') { state.communeName = e.target.value; persist(); update(); return; }
    if (!n || ['kind', 'subkind', 'year'].includes(n) || n.startsWith('inc-') || e.target.type === 'file') return;
    kindState().values[n] = e.target.value;
    persist();
    update();
  });
  $('form').addEventListener('change', (e) => {
    const n = e.target.name;
    if (n === 'kind') { state.kind = e.target.value; state.lastVerdict = ''; persist(); buildSubkinds(); buildForm(); }
    else if (n === 'subkind') { kindState().subkind = e.target.value; persist(); update(); }
    else if (n === 'year') { state.year = Number(e.target.value); persist(); syncRules(); buildForm(); }
  });
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('add-incident').addEventListener('click', () => {
    const ks = kindState();
    ks.incidents.push({ category: state.categories[0], date: `${state.year}-06-01` });
    persist();
    renderIncidents(state.categories, ks.incidents.length - 1);
    update();
  });
  $('save').addEventListener('click', saveSelf);
  $('open-self').addEventListener('change', async (e) => { const f = e.target.files?.[0]; if (f) await openSelf(f); e.target.value = ''; });
  $('print').addEventListener('click', () => window.print());
  $('clear').addEventListener('click', () => {
    if (!window.confirm(t('clearConfirm'))) return;
    state.perKind[state.kind] = { subkind: SUBKINDS[state.kind][0], values: {}, incidents: [] };
    persist(); buildSubkinds(); buildForm();
  });
  $('whatif').addEventListener('click', whatItTakes);
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => { state.lang = b.dataset.lang; persist(); applyLanguage(); });
  // Tabs: click, and the arrow keys, Home and End (WAI-ARIA tabs pattern, automatic activation).
  const tabs = ['self', 'province'];
  for (const name of tabs) {
    const tab = $(`tab-${name}`);
    tab.addEventListener('click', () => selectTab(name));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(name);
      const next = { ArrowRight: (i + 1) % tabs.length, ArrowLeft: (i - 1 + tabs.length) % tabs.length, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      selectTab(tabs[next], true);
    });
  }
  $('load-sample').addEventListener('click', () => loadSample());
  $('p-year').addEventListener('change', renderProvince);
  $('p-instrument').addEventListener('change', renderProvince);
  $('p-filter').addEventListener('change', (e) => { prov.filter = e.target.value; renderProvinceTable(); });
  $('p-search').addEventListener('input', (e) => { prov.search = e.target.value; renderProvinceTable(); });
  $('p-csv').addEventListener('click', () => download(`xa-phuong-${prov.family}-${$('p-year').value}.csv`, csvOf(visibleCommunes()), 'text/csv'));
  $('p-supplement').addEventListener('change', async (e) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f || !state.province) return;
    prov.supplements.set($('p-instrument').value, { text: await f.text(), name: f.name });
    renderProvince();
  });
  $('drill-close').addEventListener('click', () => { $('drill').hidden = true; prov.opener?.focus(); });
  $('file').addEventListener('change', async (e) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const r = antq.Dataset.tryFromText(await f.text(), f.name);
    if (r.ok) { $('p-error').hidden = true; loadProvince(r.value, f.name); return; }
    // The old province is not left on screen beside the error.
    clearProvince();
    generalError($('p-error'), r.error);
    $('p-error').prepend(`${t('openFailed')(f.name)}\n`);
  });
}

async function start() {
  restore();
  for (const e of document.querySelectorAll('[data-i18n]')) { const v = t(e.dataset.i18n); if (typeof v === 'string') e.textContent = v; }
  document.documentElement.lang = state.lang;
  $('loading-text').textContent = t('loading');
  await init();
  state.rules = antq.RuleSet.resolve(RULES_FAMILY, 2023);
  state.rulesData = state.rules.toJSON();
  syncRules();
  // Labels of every criterion and category the family knows (both texts of Circular 124).
  for (const year of [2023, 2026]) {
    const r = rulesFor(year);
    if (!r.ok) continue;
    const d = r.value.toJSON();
    for (const c of d.criteria) if (!state.criteriaById.has(c.id)) state.criteriaById.set(c.id, c);
    for (const c of d.categories ?? []) if (!state.categoriesById.has(c.id)) state.categoriesById.set(c.id, c);
  }
  for (const i of antq.indicators()) state.indicators.set(i.id, i);
  $('year').replaceChildren(...YEARS.map((y) => el('option', { value: y }, String(y))));
  wire();
  syncUnitControls();
  applyLanguage();
  syncUnitControls();
  // The service worker (offline after the first visit), once the page has answered.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => { /* offline use is a bonus */ });
  }
}

start().catch((e) => {
  $('loading').hidden = false;
  $('loading').classList.add('failed');
  $('loading-text').textContent = `${t('loadFailed')} (${e.code ?? 'error'}: ${e.message})`;
  throw e;
});
