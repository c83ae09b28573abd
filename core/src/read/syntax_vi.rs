//! Parser messages in Vietnamese: the shapes that serde, serde_json and antq's own readers
//! give (the cells of a CSV file or a workbook included, whose column builders say what is
//! wrong as text), worded once for every reader. A message of another shape (a TOML parser's own, say)
//! has no Vietnamese: its English serves both languages, as [`crate::Problem::message_in`]
//! says. The names a message quotes (fields, values, what was expected) stay as written.

/// `msg` (a parser's message, its position already taken out) in Vietnamese, where antq
/// knows its shape: "missing field \`year\`" is "thiếu trường \`year\`" (the tests below
/// give every shape).
pub(crate) fn vietnamese(msg: &str) -> Option<String> {
    if let Some(fixed) = fixed(msg) {
        return Some(fixed.to_owned());
    }
    // serde's own shapes (`serde::de::Error`'s provided methods).
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        return Some(with_expected("trường không có trong định dạng", rest));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return Some(with_expected("giá trị không có trong danh sách", rest));
    }
    if let Some(field) = msg.strip_prefix("missing field ") {
        return Some(format!("thiếu trường {field}"));
    }
    if let Some(field) = msg.strip_prefix("duplicate field ") {
        return Some(format!("trường {field} được ghi hai lần"));
    }
    for (en, vi) in [("invalid type: ", "kiểu không hợp lệ"), ("invalid value: ", "giá trị không hợp lệ")]
    {
        if let Some((found, expected)) = msg.strip_prefix(en).and_then(|r| r.split_once(", expected ")) {
            return Some(format!("{vi}: {}, cần {}", unexpected(found), expected_vi(expected)));
        }
    }
    if let Some((len, expected)) = msg.strip_prefix("invalid length ").and_then(|r| r.split_once(", expected ")) {
        return Some(format!("độ dài không hợp lệ {len}, cần {}", expected_vi(expected)));
    }
    // antq's own readers.
    if let Some(inner) = msg.strip_prefix("in JSON text: ") {
        return Some(format!("trong văn bản JSON: {}", vietnamese(inner).unwrap_or_else(|| inner.to_owned())));
    }
    if let Some(key) = msg.strip_prefix("duplicate key ").and_then(|r| r.strip_suffix(": each key may be given once")) {
        return Some(format!("khóa {key} được ghi hai lần: mỗi khóa chỉ được ghi một lần"));
    }
    if let Some(key) =
        msg.strip_suffix(" is null, which is not an attestation: write `\"unknown\"`, or leave the key out")
    {
        return Some(format!("{key} là null, không phải một xác nhận: hãy ghi `\"unknown\"`, hoặc bỏ khóa đó đi"));
    }
    if let Some(date) = msg.strip_suffix(" is not a valid date written YYYY-MM-DD") {
        return Some(format!("{date} không phải một ngày hợp lệ viết theo dạng YYYY-MM-DD"));
    }
    if let Some(value) = msg.strip_suffix(" has more than two decimals") {
        return Some(format!("{value} có hơn hai chữ số thập phân"));
    }
    if let Some((count, max)) = msg.split_once(": a count must be at most ") {
        return Some(format!("{count}: một số đếm không được lớn hơn {max}"));
    }
    if let Some((unit, rest)) = msg.strip_prefix("unit ").and_then(|r| r.split_once(": ")) {
        if let Some((sub, kind)) = rest.split_once(" is not a subkind of ") {
            return Some(format!("đơn vị {unit}: {sub} không phải một phân loại của {}", kind_vi(kind)));
        }
        if let Some(kind) = rest.strip_prefix("a ").and_then(|r| r.strip_suffix(" needs a `subkind`")) {
            return Some(format!("đơn vị {unit}: {} cần có `subkind`", kind_vi(kind)));
        }
    }
    // A cell of a CSV file or a workbook.
    for (en, vi) in [
        (" is not a whole number", "không phải một số nguyên"),
        (" is not `true` or `false`", "không phải `true` hay `false`"),
        (" is not a date like 2023-03-31", "không phải một ngày dạng 2023-03-31"),
        (" is not a number", "không phải một số"),
        (" is a duration", "là một khoảng thời gian"),
    ] {
        if let Some(value) = msg.strip_suffix(en) {
            return Some(format!("{value} {vi}"));
        }
    }
    for (en, vi) in
        [(" is a number; ", "là một số"), (" is a boolean; ", "là giá trị đúng/sai"), (" is a date; ", "là một ngày")]
    {
        if let Some((value, needed)) = msg.split_once(en)
            && let Some(needed) = needed.strip_suffix(" is needed")
        {
            return Some(format!("{value} {vi}; cần {}", needed_vi(needed)));
        }
    }
    if let Some(error) = msg.strip_prefix("the cell holds the error ") {
        return Some(format!("ô chứa lỗi {error}"));
    }
    if let Some((cells, header)) =
        msg.strip_prefix("the row has ").and_then(|r| r.split_once(" cells; the header has "))
    {
        return Some(format!("dòng có {cells} ô; dòng tiêu đề có {header}"));
    }
    if let Some(k) = msg.strip_prefix("column ").and_then(|r| r.strip_suffix(" has a value but no name in the header"))
    {
        return Some(format!("cột {k} có giá trị nhưng không có tên ở dòng tiêu đề"));
    }
    if let Some(n) = msg.strip_prefix("integer ").and_then(|r| r.strip_suffix(" is out of range")) {
        return Some(format!("số nguyên {n} vượt quá phạm vi"));
    }
    if let Some(n) = msg.strip_prefix("number ").and_then(|r| r.strip_suffix(" is not a finite number")) {
        return Some(format!("số {n} không phải một số hữu hạn"));
    }
    None
}

/// The messages of one wording.
fn fixed(msg: &str) -> Option<&'static str> {
    Some(match msg {
        // serde_json's syntax errors.
        "EOF while parsing a list" => "văn bản kết thúc giữa một danh sách",
        "EOF while parsing an object" => "văn bản kết thúc giữa một đối tượng",
        "EOF while parsing a string" => "văn bản kết thúc giữa một chuỗi",
        "EOF while parsing a value" => "văn bản kết thúc khi còn chờ một giá trị",
        "expected `:`" => "cần dấu `:`",
        "expected `,` or `]`" => "cần dấu `,` hoặc `]`",
        "expected `,` or `}`" => "cần dấu `,` hoặc `}`",
        "expected ident" => "cần một từ khóa (`true`, `false` hoặc `null`)",
        "expected value" => "cần một giá trị",
        "expected `\"`" => "cần dấu `\"`",
        "invalid escape" => "chuỗi thoát (escape) không hợp lệ",
        "invalid number" => "số không hợp lệ",
        "number out of range" => "số vượt quá phạm vi",
        "invalid unicode code point" => "mã Unicode không hợp lệ",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "chuỗi chứa ký tự điều khiển (\\u0000-\\u001F)"
        }
        "key must be a string" => "khóa phải là một chuỗi",
        "lone leading surrogate in hex escape" => "chuỗi thoát hex có nửa đầu cặp thay thế (surrogate) đứng một mình",
        "trailing comma" => "thừa dấu phẩy ở cuối",
        "trailing characters" => "còn ký tự thừa sau giá trị",
        "unexpected end of hex escape" => "chuỗi thoát hex kết thúc giữa chừng",
        "recursion limit exceeded" => "lồng nhau quá sâu",
        // antq's own.
        "points out of range" => "điểm vượt quá phạm vi",
        "a quoted cell is not closed" => "một ô mở ngoặc kép nhưng không đóng",
        "text after the closing quote of a cell" => "có chữ sau dấu ngoặc kép đóng của một ô",
        "the date is out of range" => "ngày nằm ngoài phạm vi",
        "the sheet is empty" => "trang tính trống",
        "the file is empty; a header row is needed" => "tệp trống; cần một dòng tiêu đề",
        "the header row is empty; a header row is needed" => "dòng tiêu đề trống; cần một dòng tiêu đề",
        "the cell is outside the columns of the header row" => "ô nằm ngoài các cột của dòng tiêu đề",
        "the column has a value but no name in the header row" => "cột có giá trị nhưng không có tên ở dòng tiêu đề",
        "the cell holds a formula whose saved result is empty (a program that does not compute formulas wrote it, or \
         the formula gives an empty text): write the value itself, or leave the cell empty for unknown" => {
            "ô chứa công thức mà kết quả đã lưu để trống (tệp do một chương trình không tính công thức ghi ra, hoặc công \
             thức cho ra chuỗi rỗng): hãy ghi chính giá trị đó, hoặc để trống ô nếu chưa biết"
        }
        "an empty text is not an attestation: write `\"unknown\"`, or leave the key out" => {
            "một chuỗi rỗng không phải một xác nhận: hãy ghi `\"unknown\"`, hoặc bỏ khóa đó đi"
        }
        _ => return None,
    })
}

/// `rest` of an unknown field or variant (`` `x`, expected one of `a`, `b` ``) after `what`.
fn with_expected(what: &str, rest: &str) -> String {
    let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
    let expected = if let Some(list) = expected.strip_prefix("expected one of ") {
        format!("; cần một trong: {list}")
    } else if let Some(one) = expected.strip_prefix("expected ") {
        format!("; cần {}", one.replace(" or ", " hoặc "))
    } else if expected.starts_with("there are no") {
        "; ở đây không có lựa chọn nào".to_owned()
    } else {
        String::new()
    };
    format!("{what}: {name}{expected}")
}

/// serde's description of an unexpected value (`string "x"`, `integer `5``…).
fn unexpected(found: &str) -> String {
    const NOUNS: [(&str, &str); 7] = [
        ("boolean", "giá trị đúng/sai"),
        ("integer", "số nguyên"),
        ("floating point", "số thực"),
        ("string", "chuỗi"),
        ("character", "ký tự"),
        ("sequence", "danh sách"),
        ("map", "đối tượng"),
    ];
    for (en, vi) in NOUNS {
        if let Some(rest) = found.strip_prefix(en)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return format!("{vi}{rest}");
        }
    }
    match found {
        "null" | "unit value" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// What a reader expected, in Vietnamese where antq words it; otherwise as written.
fn expected_vi(expected: &str) -> String {
    match expected {
        "a string" => "một chuỗi".to_owned(),
        "a boolean" => "`true` hoặc `false`".to_owned(),
        "a sequence" => "một danh sách".to_owned(),
        "a map" | "a map with unique keys" => "một đối tượng (mỗi khóa một lần)".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => format!("một số nguyên ({expected})"),
        other => match other.strip_prefix("struct ") {
            Some(name) => format!("một đối tượng ({name})"),
            None => other.to_owned(),
        },
    }
}

/// What a cell needed ([`crate::table::ColumnBuilder`]'s words), in Vietnamese.
fn needed_vi(needed: &str) -> &str {
    match needed {
        "text" => "văn bản",
        "a whole number" => "một số nguyên",
        "`true` or `false`" => "`true` hoặc `false`",
        "a date" => "một ngày",
        "`yes`, `no` or `unknown`" => "`yes`, `no` hoặc `unknown`",
        "a number of points" => "một số điểm",
        other => other,
    }
}

/// A unit kind's Vietnamese label, from its name as a message writes it.
fn kind_vi(kind: &str) -> String {
    crate::Kind::ALL
        .iter()
        .find(|k| k.to_string() == kind)
        .map_or_else(|| kind.to_owned(), |k| k.label(crate::Lang::Vi).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::vietnamese;

    #[test]
    fn serde_shapes_are_worded() {
        let cases = [
            ("missing field `year`", "thiếu trường `year`"),
            (
                "unknown field `colour`, expected one of `id`, `name`",
                "trường không có trong định dạng: `colour`; cần một trong: `id`, `name`",
            ),
            ("unknown field `x`, expected `a` or `b`", "trường không có trong định dạng: `x`; cần `a` hoặc `b`"),
            (
                "unknown field `x`, there are no fields",
                "trường không có trong định dạng: `x`; ở đây không có lựa chọn nào",
            ),
            (
                "unknown variant `maybe`, expected one of `yes`, `no`, `unknown`",
                "giá trị không có trong danh sách: `maybe`; cần một trong: `yes`, `no`, `unknown`",
            ),
            ("invalid type: string \"5\", expected u32", "kiểu không hợp lệ: chuỗi \"5\", cần một số nguyên (u32)"),
            ("invalid type: null, expected a string", "kiểu không hợp lệ: null, cần một chuỗi"),
            (
                "invalid value: integer `-1`, expected u32",
                "giá trị không hợp lệ: số nguyên `-1`, cần một số nguyên (u32)",
            ),
            ("expected `,` or `}`", "cần dấu `,` hoặc `}`"),
            (
                "duplicate key `RA-2`: each key may be given once",
                "khóa `RA-2` được ghi hai lần: mỗi khóa chỉ được ghi một lần",
            ),
            (
                "`2023-02-29` is not a valid date written YYYY-MM-DD",
                "`2023-02-29` không phải một ngày hợp lệ viết theo dạng YYYY-MM-DD",
            ),
            ("2.255 has more than two decimals", "2.255 có hơn hai chữ số thập phân"),
            ("unit `C`: `thon` is not a subkind of commune", "đơn vị `C`: `thon` không phải một phân loại của cấp xã"),
            ("in JSON text: trailing characters", "trong văn bản JSON: còn ký tự thừa sau giá trị"),
            ("`abc` is not a whole number", "`abc` không phải một số nguyên"),
            ("2.5 is a number; a date is needed", "2.5 là một số; cần một ngày"),
            ("`true` is a boolean; a number of points is needed", "`true` là giá trị đúng/sai; cần một số điểm"),
            ("the row has 3 cells; the header has 2", "dòng có 3 ô; dòng tiêu đề có 2"),
        ];
        for (en, vi) in cases {
            assert_eq!(vietnamese(en).as_deref(), Some(vi), "{en}");
        }
        assert_eq!(vietnamese("a TOML parser's own words"), None);
    }
}
