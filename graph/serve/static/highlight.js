// SPARQL syntax highlighting for the query editor: a textarea over a <pre> of coloured spans.
// Every token is added with textContent, so the query text is never read as markup.

const KEYWORDS = new Set((
  "BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT DESCRIBE ASK FROM NAMED WHERE ORDER BY ASC DESC " +
  "LIMIT OFFSET VALUES GROUP HAVING OPTIONAL GRAPH SERVICE SILENT BIND UNDEF MINUS UNION FILTER NOT " +
  "EXISTS IN A TRUE FALSE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES " +
  "DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI " +
  "CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW " +
  "UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK " +
  "ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE").split(" "));

// One alternative per kind of token, in the order they are tried.
const TOKEN = new RegExp([
  "(#[^\\n]*)",                                                   // 1 comment
  "('''[\\s\\S]*?(?:'''|$)|\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'(?:[^'\\\\\\n]|\\\\.)*'?|\"(?:[^\"\\\\\\n]|\\\\.)*\"?)", // 2 string
  "(<[^<>\"{}|^`\\\\\\s]*>)",                                     // 3 IRI
  "([?$][\\w]+)",                                                 // 4 variable
  "((?:[A-Za-z][\\w.-]*)?:[\\w.:%-]*)",                           // 5 prefixed name
  "([A-Za-z_]\\w*)",                                              // 6 word
  "([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)",                   // 7 number
].join("|"), "g");
const KIND = [null, "comment", "string", "iri", "variable", "pname", "word", "number"];

/** Replace the children of `pre` with the highlighted `text`. */
export function highlight(text, pre) {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.append(text.slice(last, m.index));
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    let kind = KIND[group];
    if (kind === "word") kind = KEYWORDS.has(m[0].toUpperCase()) ? "keyword" : null;
    if (kind) {
      const span = document.createElement("span");
      span.className = `tok-${kind}`;
      span.textContent = m[0];
      out.append(span);
    } else {
      out.append(m[0]);
    }
    last = m.index + m[0].length;
  }
  out.append(text.slice(last) + "\n");  // keeps the last line's height when it is empty
  pre.replaceChildren(out);
}
