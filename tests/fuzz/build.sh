#!/usr/bin/env bash
# Builds the request-parsing, response-header, CSV, XLSForm (.xlsx) and photo-metadata fuzzers with Debian's clang and runs them (two at a time: FUZZ_JOBS).
#
# Run from the repository root:  FUZZ_SECONDS=60 bash tests/fuzz/build.sh
# Outputs go to build/fuzz: the binary, seeds/ (rewritten each run), corpus/
# (what the fuzzer found, kept between runs) and crash-*/timeout-* files for
# any failure. Exits non-zero when the build fails or the fuzzer finds a
# crash, a leak, a broken check or an input slower than 10 s.
set -euo pipefail

out=build/fuzz
mkdir -p "$out/seeds" "$out/corpus"

# The fuzzers are compiled side by side, then run FUZZ_JOBS (default 2) at a
# time; each one's output is shown when it ends.
builds=()
build() { # build NAME CLANG-ARGUMENTS...: compiles fuzzer NAME in the background
  local name="$1"
  shift
  clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -Isrc "$@" -o "$out/$name" &
  builds+=($!)
}

build parse_fuzz tests/fuzz/parse_fuzz.cpp src/http/parse.cpp
# The request line and headers as the server reads them (Beast's parser).
build request_fuzz tests/fuzz/request_fuzz.cpp src/http/parse.cpp
mkdir -p "$out/request-seeds" "$out/request-corpus"
# What crm writes into response headers: the language switcher's `next` and
# http::Response's refusal of control characters.
build header_fuzz tests/fuzz/header_fuzz.cpp src/http/message.cpp src/http/parse.cpp
mkdir -p "$out/header-seeds" "$out/header-corpus"
hseed() { printf '%b' "$2" >"$out/header-seeds/$1"; }
hseed crlf '/x\r\nSet-Cookie: crm_session=evil\r\nX: 1'
hseed encoded '/x%0d%0aSet-Cookie:%20crm_session=evil?q=%0a&r=a+b'
hseed pair 'Location\x00/a b\tc\x7f'
hseed slashes '/%2F/evil.example/\\x?y=%zz'
# The people import's CSV reader.
build csv_fuzz tests/fuzz/csv_fuzz.cpp src/imports/csv.cpp src/http/parse.cpp
mkdir -p "$out/csv-seeds" "$out/csv-corpus"
cseed() { printf '%b' "$2" >"$out/csv-seeds/$1"; }
cseed comma 'email,name,country\na@example.org,Anna,DE\n'
cseed excel '\xef\xbb\xbfE-Mail;Name;Land\r\n"a@b.c";"M\xc3\xbcller, ""A""\r\nB";DE\r\n;;\r\n'
cseed broken 'a,b\n"x,y\n1,2,3\n'
rseed() { printf '%b' "$2" >"$out/request-seeds/$1"; }
rseed get 'GET /login?next=%2Fa%20b HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ar,de;q=0.8\r\nCookie: crm_session=abc; crm_lang=ar\r\n\r\n'
rseed post 'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\ncsrf=t&email=a%40b.c&pw=x+y'
rseed folded 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
rseed codings 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n'
rseed chunked 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: multipart/form-data; boundary=b\r\n\r\n2f\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n\r\n0\r\n\r\n'

# The XLSForm import's .xlsx reader and form (zip bombs, XML entities, caps).
build xlsx_fuzz -I/usr/include/libxml2 tests/fuzz/xlsx_fuzz.cpp src/surveys/xlsx_reader.cpp \
  src/surveys/xlsform.cpp src/surveys/definition.cpp src/surveys/expression.cpp -lzip -lxml2 -lfmt
mkdir -p "$out/xlsx-seeds" "$out/xlsx-corpus"
# Seeds: a small XLSForm (shared and inline strings, groups, choices) and
# its workbook stored without compression.
python3 - "$out/xlsx-seeds" <<'PY'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
def cell(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
def sheet(rows):
    out = '<worksheet %s><sheetData>' % ns
    for i, r in enumerate(rows, 1):
        out += '<row r="%d">' % i + ''.join(cell('%s%d' % (chr(65 + j), i), v) for j, v in enumerate(r) if v) + '</row>'
    return out + '</sheetData></worksheet>'
survey = [['type', 'name', 'label', 'label::Arabic (ar)', 'relevant', 'required'],
          ['begin_group', 'g', 'Group', 'مجموعة', '', ''],
          ['select_one yn', 'q', 'Useful?', 'مفيد؟', '', 'yes'],
          ['text', 'why', 'Why?', 'لماذا؟', "${q} = 'yes'", ''],
          ['end_group', '', '', '', '', '']]
choices = [['list_name', 'name', 'label', 'label::Arabic (ar)'], ['yn', 'yes', 'Yes', 'نعم'], ['yn', 'no', 'No', 'لا']]
settings = [['form_title', 'default_language'], ['Seed', 'English (en)']]
parts = {
 '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel,
 'xl/workbook.xml': '<workbook %s xmlns:r="%s"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/><sheet name="choices" sheetId="2" r:id="rId2"/><sheet name="settings" sheetId="3" r:id="rId3"/></sheets></workbook>' % (ns, rel),
 'xl/_rels/workbook.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, rel, i) for i in (1, 2, 3)) + '<Relationship Id="rId4" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % rel,
 'xl/sharedStrings.xml': '<sst %s><si><r><t>a</t></r><r><t>b</t></r></si></sst>' % ns,
 'xl/worksheets/sheet1.xml': sheet(survey),
 'xl/worksheets/sheet2.xml': sheet(choices),
 'xl/worksheets/sheet3.xml': sheet(settings),
}
for name, method in (('deflated.xlsx', zipfile.ZIP_DEFLATED), ('stored.xlsx', zipfile.ZIP_STORED)):
    with zipfile.ZipFile(sys.argv[1] + '/' + name, 'w', method) as z:
        for k, v in parts.items():
            z.writestr(k, v)
PY

# What is kept of an attached photo's original (JPEG, PNG and WebP structures).
build photo_fuzz tests/fuzz/photo_fuzz.cpp src/core/photo_metadata.cpp -ldeflate
mkdir -p "$out/photo-seeds" "$out/photo-corpus"
# Seeds: the first byte picks the type (0 JPEG, 1 PNG, 2 WebP) and, from bit 2,
# the orientation; the structures are right, the pixels are not real.
pseed() { printf '%b' "$2" >"$out/photo-seeds/$1"; }
pseed jpeg '\x14\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xe1\x00\x0cExif\x00\x00MM\x00*\xff\xfe\x00\x05at\x00\xff\xdb\x00\x04\x00\x01\xff\xda\x00\x04\x01\x00\x12\xff\x00\x34\xff\xd0\x56\xff\xd9trailer'
pseed progressive '\x00\xff\xd8\xff\xee\x00\x07Adobe\xff\xda\x00\x03\x01\x12\x34\xff\xc4\x00\x03\x00\xff\xda\x00\x03\x01\x56\xff\xff\xd9'
pseed png '\x0d\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00....\x00\x00\x00\x04tEXtabcd....\x00\x00\x00\x02IDAT\x78\x9c....\x00\x00\x00\x00IEND....after'
pseed webp '\x1e\x52\x49\x46\x46\x2e\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00VP8 \x02\x00\x00\x00abEXIF\x03\x00\x00\x00xyz\x00'

# Seeds: the first byte picks the parser (see parse_fuzz.cpp):
# 0 urlencoded, 1 cookies, 2 multipart (boundary xYz), 3 "<content type>\n<body>",
# 4 Accept-Language, 5 UTF-8 and percent decoding, 6 Accept-Encoding and If-None-Match.
seed() { printf '%b' "$2" >"$out/seeds/$1"; }
seed urlencoded '\x00title=A+paper&abstract=caf%C3%A9&tags=a&tags=b&empty=&flag'
seed query '\x00q=%E6%97%A5%E6%9C%AC&page=2&sort=-date'
seed cookies '\x01sid=abc123; theme="dark"; lang=de; sid=old'
seed multipart '\x02--xYz\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\n--xYz\r\nContent-Disposition: form-data; name="file"; filename="../notes.txt"\r\nContent-Type: text/plain\r\n\r\nline 1\r\n--xYz-not\r\n\r\n--xYz\r\nContent-Disposition: form-data; name="none"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--xYz--\r\n'
seed multipart_typed '\x03multipart/form-data; boundary="----WebKitFormBoundaryq1w2e3"\n------WebKitFormBoundaryq1w2e3\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------WebKitFormBoundaryq1w2e3\r\nContent-Disposition: form-data; name="pic"; filename="C:\\x\\p.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n------WebKitFormBoundaryq1w2e3--\r\n'
seed accept_language '\x04de-AT,de;q=0.9,en-US;q=0.8,ar;q=0.5,*;q=0.1,fr;q=0'
seed accept_encoding '\x06gzip;q=0.9, identity;Q=0.5, *;q=0, x-gzip ; q=1.000,,br'
seed none_match '\x06W/"3f2a-gz", "ab,c" ,"x"'
seed utf8 '\x05Gr\xc3\xbc\xc3\x9fe \xf0\x9f\x98\x80 %C0%AF \xed\xa0\x80 \xc0\xaf'

for pid in "${builds[@]}"; do wait "$pid"; done # a failed build stops here (set -e)

status=0
declare -A running=() # pid -> fuzzer
reap() { # waits for one running fuzzer to end and shows its output
  local pid rc=0
  wait -n -p pid "${!running[@]}" || rc=$?
  local name="${running[$pid]}"
  unset "running[$pid]"
  printf '\n----- %s (exit %d)\n' "$name" "$rc"
  cat "$out/$name.log"
  ((rc == 0)) || status=1
}
fuzz() { # fuzz NAME CORPUS SEEDS LIBFUZZER-OPTIONS...
  local name="$1" corpus="$2" seeds="$3"
  shift 3
  while ((${#running[@]} >= ${FUZZ_JOBS:-2})); do reap; done
  "$out/$name" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/" "$@" "$out/$corpus" "$out/$seeds" >"$out/$name.log" 2>&1 &
  running[$!]="$name"
}
fuzz request_fuzz request-corpus request-seeds -max_len=20000
fuzz header_fuzz header-corpus header-seeds -max_len=20000
fuzz csv_fuzz csv-corpus csv-seeds -max_len=20000
fuzz xlsx_fuzz xlsx-corpus xlsx-seeds -max_len=200000 -rss_limit_mb=2048
fuzz photo_fuzz photo-corpus photo-seeds -max_len=20000
fuzz parse_fuzz corpus seeds -max_len=20000
while ((${#running[@]} > 0)); do reap; done
exit "$status"
