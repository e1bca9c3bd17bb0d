#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds a .docx from a small line-based markup, with hand-written WordprocessingML and
python's zipfile, so that no office suite is needed to regenerate the examples and fixtures.

Markup (UTF-8), one paragraph per line; empty lines are ignored:
  @header TEXT       page header (word/header1.xml)
  @footer TEXT       page footer (word/footer1.xml)
  @pagebreak         explicit page break; the next paragraph carries w:lastRenderedPageBreak, as Word writes it
  # TEXT             heading (style Heading1, bold)
  | a | b | c |      table row; consecutive rows form one table
  TEXT [^NOTE] TEXT  paragraph; [^NOTE] becomes a footnote; a TAB character becomes w:tab

usage: build_docx.py IN.txt OUT.docx
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_TIME = (2025, 4, 1, 9, 0, 0)  # reproducible archives


def runs(text, footnotes, rendered_break=False):
    out = []
    if rendered_break:
        out.append("<w:r><w:lastRenderedPageBreak/></w:r>")
    for part in re.split(r"(\[\^[^\]]*\])", text):
        if not part:
            continue
        if part.startswith("[^"):
            footnotes.append(part[2:-1])
            out.append('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                       f'<w:footnoteReference w:id="{len(footnotes)}"/></w:r>')
            continue
        pieces = part.split("\t")
        for i, piece in enumerate(pieces):
            if i:
                out.append("<w:r><w:tab/></w:r>")
            if piece:
                out.append(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def paragraph(text, footnotes, style=None, rendered_break=False):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{runs(text, footnotes, rendered_break)}</w:p>"


def table(rows, footnotes):
    cols = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    body = []
    for r in rows:
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{paragraph(c, footnotes)}</w:tc>'
                        for c in r)
        body.append(f"<w:tr>{cells}</w:tr>")
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')


def build(markup):
    header = footer = None
    footnotes = []
    body = []
    rows = []
    rendered_break = False
    for line in markup.splitlines():
        line = line.rstrip("\n")
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if rows:
            body.append(table(rows, footnotes))
            rows = []
        if not line.strip():
            continue
        if line.startswith("@header "):
            header = line[len("@header "):]
        elif line.startswith("@footer "):
            footer = line[len("@footer "):]
        elif line.strip() == "@pagebreak":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            rendered_break = True
        elif line.startswith("# "):
            body.append(paragraph(line[2:], footnotes, "Heading1", rendered_break))
            rendered_break = False
        else:
            body.append(paragraph(line, footnotes, None, rendered_break))
            rendered_break = False
    if rows:
        body.append(table(rows, footnotes))

    sect_refs = ""
    rels = ['<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>']
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>']
    parts = {}
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'
    if header is not None:
        parts["word/header1.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {ns}>{paragraph(header, [])}</w:hdr>'
        rels.append('<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>')
        overrides.append('<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
        sect_refs += '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
    if footer is not None:
        parts["word/footer1.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {ns}>{paragraph(footer, [])}</w:ftr>'
        rels.append('<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>')
        overrides.append('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
        sect_refs += '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
    if footnotes:
        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for i, note in enumerate(footnotes, 1):
            notes.append(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>'
                         f'<w:r><w:t xml:space="preserve"> {escape(note)}</w:t></w:r></w:p></w:footnote>')
        parts["word/footnotes.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {ns}>{"".join(notes)}</w:footnotes>'
        rels.append('<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
        overrides.append('<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')

    sect = (f'<w:sectPr>{sect_refs}<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}><w:body>'
                + "".join(body) + sect + "</w:body></w:document>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {ns}>'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Century" w:eastAsia="MS Mincho" w:hAnsi="Century"/>'
              '<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
              '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
              '<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
              '<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
              '</w:tblBorders></w:tblPr></w:style></w:styles>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                 "</Relationships>")
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(rels) + "</Relationships>")
    files = {"[Content_Types].xml": content_types, "_rels/.rels": root_rels,
             "word/document.xml": document, "word/_rels/document.xml.rels": doc_rels, "word/styles.xml": styles}
    files.update(parts)
    return files


def write(files, out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        write(build(f.read()), sys.argv[2])
