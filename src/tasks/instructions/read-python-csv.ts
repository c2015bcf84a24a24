/**
 * Python's `list(csv.reader(io.StringIO(text), delimiter=...))` with the default (excel, non-strict)
 * dialect: quoted fields with doubled quotes, blank lines as empty rows, a quote inside an unquoted field
 * kept literally, text after a closing quote appended. Returns undefined where Python raises (a bare
 * carriage return inside an unquoted field).
 */
export function readPythonCsv(text: string, delimiter = ','): string[][] | undefined {
  type State = 'start-record' | 'start-field' | 'in-field' | 'in-quoted' | 'quote-in-quoted' | 'eat-crnl';
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let fieldLen = 0;
  let state: State = 'start-record';
  const save = (): void => {
    fields.push(field);
    field = '';
    fieldLen = 0;
  };
  const add = (ch: string): void => {
    field += ch;
    fieldLen++;
  };
  const EOL = '';
  const processChar = (c: string): boolean => {
    switch (state) {
      case 'start-record':
        if (c === EOL) return true;
        if (c === '\n' || c === '\r') {
          state = 'eat-crnl';
          return true;
        }
        state = 'start-field';
        return processChar(c);
      case 'start-field':
        if (c === '\n' || c === '\r' || c === EOL) {
          save();
          state = c === EOL ? 'start-record' : 'eat-crnl';
        } else if (c === '"') state = 'in-quoted';
        else if (c === delimiter) save();
        else {
          add(c);
          state = 'in-field';
        }
        return true;
      case 'in-field':
        if (c === '\n' || c === '\r' || c === EOL) {
          save();
          state = c === EOL ? 'start-record' : 'eat-crnl';
        } else if (c === delimiter) {
          save();
          state = 'start-field';
        } else add(c);
        return true;
      case 'in-quoted':
        if (c === EOL) return true;
        if (c === '"') state = 'quote-in-quoted';
        else add(c);
        return true;
      case 'quote-in-quoted':
        if (c === '"') {
          add(c);
          state = 'in-quoted';
        } else if (c === delimiter) {
          save();
          state = 'start-field';
        } else if (c === '\n' || c === '\r' || c === EOL) {
          save();
          state = c === EOL ? 'start-record' : 'eat-crnl';
        } else {
          add(c);
          state = 'in-field';
        }
        return true;
      case 'eat-crnl':
        if (c === '\n' || c === '\r') return true;
        if (c === EOL) {
          state = 'start-record';
          return true;
        }
        return false;
    }
  };
  // io.StringIO yields lines split after each "\n".
  const lines = text.match(/[^\n]*\n|[^\n]+$/gu) ?? [];
  for (const line of lines) {
    for (const c of line) if (!processChar(c)) return undefined;
    if (!processChar(EOL)) return undefined;
    if ((state as State) === 'start-record') {
      rows.push(fields);
      fields = [];
    }
  }
  if (fieldLen !== 0 || (state as State) === 'in-quoted') {
    save();
    rows.push(fields);
  }
  return rows;
}
