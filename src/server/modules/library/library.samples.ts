// Small, real sample files made in code: a one-page PDF with text (demo data and tests) and a cover image.
import sharp from 'sharp';

/** A one-page PDF with Helvetica text lines (byte offsets in the xref computed, so pdf.js reads it without repair).
 *  Codes 128–130 are mapped to ề ư ờ through /Differences glyph names, so Vietnamese survives a standard font. */
export function makePdf(lines: string[]): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td ${lines.map((l, i) => `${i ? '0 -30 Td ' : ''}(${l.replace(/[()\\]/g, (c) => '\\' + c)}) Tj`).join(' ')} ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /uni1EC1 129 /uni01B0 130 /uni1EDD] >> >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A plain book cover (PNG, 600×900) in one of a few colours, without text (no font dependency). */
export async function makeCover(seed: number): Promise<Buffer> {
  const colours = ['#2b5799', '#8a1c1c', '#1d6b47', '#6b4a1d', '#4a1d6b'];
  const c = colours[seed % colours.length]!;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900"><rect width="600" height="900" fill="${c}"/>` +
    `<rect x="40" y="40" width="520" height="820" fill="none" stroke="#ffffff" stroke-width="6"/>` +
    `<rect x="80" y="160" width="440" height="24" fill="#ffffff"/><rect x="80" y="210" width="320" height="24" fill="#ffffff"/>` +
    `<circle cx="300" cy="560" r="${90 + (seed % 3) * 20}" fill="none" stroke="#f2c200" stroke-width="14"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
