// Diacritic folding shared by the server (search columns) and the workspace (client-side filters), so both
// fold Vietnamese the same way: "Đắk  Lắk" → "dak lak" (đ included, spaces collapsed). Matches SQL lower(f_unaccent()).
export function fold(s: string | null | undefined): string {
  return (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}
