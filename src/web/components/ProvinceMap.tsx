// A choropleth of the provinces (34- or 63-unit map) for the workspace: the geometry from
// GET /api/units/geometry/:map (public, cached for a day), ECharts loaded on first use in its own chunk
// (./provinceMapChart), colours, legend and number formats from the shared scale (src/shared/mapScale.ts, the
// same as the portal's SVG map). The Hoàng Sa and Trường Sa archipelagos are drawn with Đà Nẵng and Khánh Hòa,
// framed and named. Below the map a "Data table" disclosure lists every province with its value, and a button
// per province when `onSelect` is given: keyboard and screen-reader users can do everything the map does.
//
// For browser tests:
//  - Reliable: open the table and click a province by name:
//      const table = page.getByTestId('province-map-table');
//      await table.locator('summary').click();
//      await table.getByRole('button', { name: 'Hà Nội', exact: true }).click();
//  - On the map itself (SVG renderer): the container `data-testid="province-map"` carries, once drawn,
//    `data-province-points` = JSON { code: [x, y] }, a point well inside each province in pixels from the
//    container's top-left corner (kept up to date on resize). Hover it for the tooltip or click it:
//      const map = page.getByTestId('province-map');
//      await expect(map).toHaveAttribute('data-ready', 'true');
//      const [x, y] = JSON.parse((await map.getAttribute('data-province-points'))!)['01'];
//      await map.click({ position: { x, y } });   // → onSelect('01'); hover() shows "Hà Nội: …" in the tooltip
//  - Points (`points` prop, e.g. exhibition venues): each is a dot `data-testid="province-map-point"` placed with
//    the chart's own projection (convertToPixel), its label as the tooltip (title) and in the "Points" list below.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Group, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatValue, mapClasses, NO_DATA_COLOUR, NO_DATA_LABEL, type MapLang } from '../../shared/mapScale';
import {
  ARCHIPELAGO_LABELS,
  archipelagoBounds,
  interiorPoint,
  type Archipelago,
  type ProvinceGeoJson,
} from '../../shared/provinceGeometry';
import { get } from '../lib/api';
import { ErrorAlert } from './ErrorAlert';
import { ScrollBox } from './ScrollTable';

type ChartModule = typeof import('./provinceMapChart');
let chartModule: Promise<ChartModule> | null = null;
/** ECharts and the option builder, fetched once per page life (a failed fetch is retried on the next mount). */
const loadChartModule = () =>
  (chartModule ??= import('./provinceMapChart').catch((e: unknown) => {
    chartModule = null;
    throw e;
  }));

export interface ProvinceMapValue {
  code: string;
  value: number | null;
  /** What the tooltip and the table show; default: the value formatted for the current language. */
  text?: string;
}

export interface ProvinceMapProps {
  mapVersion: '34' | '63';
  values: ProvinceMapValue[];
  unit: 'percent' | 'count';
  /** The map's accessible name (the page shows its own heading). */
  title: string;
  onSelect?: (code: string) => void;
  /** Height of the map in pixels (default 480); the width follows the container. */
  height?: number;
  /** Optional points on the map (longitude, latitude), e.g. venues; the label is the tooltip and the list entry. */
  points?: ProvinceMapPoint[];
  /** Heading of the points' list (default: "Points"). */
  pointsLabel?: string;
}

export interface ProvinceMapPoint {
  id: string | number;
  lon: number;
  lat: number;
  label: string;
}

export const useProvinceGeometry = (map: '34' | '63') =>
  useQuery({
    queryKey: ['units', 'geometry', map],
    queryFn: () => get<ProvinceGeoJson>(`/api/units/geometry/${map}`),
    staleTime: Infinity,
    gcTime: Infinity,
  });

type Overlay = { key: Archipelago; left: number; top: number; width: number; height: number }[];
type PlacedPoint = { id: string | number; label: string; x: number; y: number };

export function ProvinceMap({
  mapVersion,
  values: valuesProp,
  unit,
  title,
  onSelect,
  height = 480,
  points: pointsProp,
  pointsLabel,
}: ProvinceMapProps) {
  const { t, i18n } = useTranslation();
  const lang: MapLang = i18n.language === 'en' ? 'en' : 'vi';
  const geo = useProvinceGeometry(mapVersion);
  const [mod, setMod] = useState<ChartModule | null>(null);
  const [modError, setModError] = useState<unknown>(null);
  const [overlay, setOverlay] = useState<Overlay>([]);
  const [placed, setPlaced] = useState<PlacedPoint[]>([]);
  const pointsKey = JSON.stringify(pointsProp ?? []);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content on purpose (see values below)
  const points = useMemo(() => pointsProp ?? [], [pointsKey]);
  const elRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<ChartModule['init']> | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  // Callers usually pass a fresh array on every render: redraw only when the content changes (a redraw between
  // a mouse-down and its mouse-up would swallow the click).
  const valuesKey = JSON.stringify(valuesProp);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content on purpose
  const values = useMemo(() => valuesProp, [valuesKey]);

  const max = Math.max(0, ...values.map((v) => v.value ?? 0).filter(Number.isFinite));
  const classes = useMemo(() => mapClasses(unit, max, lang), [unit, max, lang]);
  const anchors = useMemo(
    () => (geo.data ? geo.data.features.map((f) => ({ code: f.properties.code, point: interiorPoint(f) })) : []),
    [geo.data],
  );
  const archipelagos = useMemo(() => (geo.data ? archipelagoBounds(geo.data) : {}), [geo.data]);
  const error = geo.error ?? modError;
  const showMap = !error;
  const loading = geo.isPending || (!mod && !modError);

  useEffect(() => {
    let alive = true;
    loadChartModule().then(
      (m) => alive && setMod(m),
      (e: unknown) => alive && setModError(e),
    );
    return () => {
      alive = false;
    };
  }, []);

  // Places the archipelago frames and the test/click anchors; runs after every draw and resize.
  const layoutRef = useRef<() => void>(() => {});
  layoutRef.current = () => {
    const chart = chartRef.current;
    const el = elRef.current;
    if (!chart || !el || !geo.data || chart.isDisposed()) return;
    const px = (lon: number, lat: number) => chart.convertToPixel({ seriesIndex: 0 }, [lon, lat]) as number[] | undefined;
    const points: Record<string, [number, number]> = {};
    for (const a of anchors) {
      const p = px(a.point[0], a.point[1]);
      if (p) points[a.code] = [Math.round(p[0]), Math.round(p[1])];
    }
    el.dataset.provincePoints = JSON.stringify(points);
    const next: Overlay = [];
    for (const [key, b] of Object.entries(archipelagos) as [Archipelago, [number, number, number, number]][]) {
      const tl = px(b[0], b[3]);
      const br = px(b[2], b[1]);
      if (tl && br) next.push({ key, left: tl[0] - 6, top: tl[1] - 6, width: br[0] - tl[0] + 12, height: br[1] - tl[1] + 12 });
    }
    setOverlay((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    // Points outside the drawn area (abroad, say) are left out: the list below still names them.
    const w = el.clientWidth;
    const nextPoints: PlacedPoint[] = [];
    for (const pt of pointsRef.current) {
      const p = px(pt.lon, pt.lat);
      if (p && p[0] >= 0 && p[1] >= 0 && p[0] <= w && p[1] <= height)
        nextPoints.push({ id: pt.id, label: pt.label, x: Math.round(p[0]), y: Math.round(p[1]) });
    }
    setPlaced((prev) => (JSON.stringify(prev) === JSON.stringify(nextPoints) ? prev : nextPoints));
  };
  const pointsRef = useRef(points);
  pointsRef.current = points;

  // One chart per mounted container: created when ECharts has arrived, resized with the container, disposed on unmount.
  useEffect(() => {
    const el = elRef.current;
    if (!mod || !el) return;
    const chart = mod.init(el, null, { renderer: 'svg' });
    chartRef.current = chart;
    mod.onProvinceClick(chart, (code) => onSelectRef.current?.(code));
    const ro = new ResizeObserver(() => {
      if (chart.isDisposed()) return;
      chart.resize();
      layoutRef.current();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
      delete el.dataset.ready;
      delete el.dataset.provincePoints;
    };
  }, [mod, showMap]);

  useEffect(() => {
    const chart = chartRef.current;
    const el = elRef.current;
    if (!el) return;
    if (!mod || !chart || !geo.data) {
      // Another map's geometry is on its way: the points on the element would be the old map's.
      delete el.dataset.ready;
      return;
    }
    mod.ensureMap(mapVersion, geo.data);
    chart.setOption(mod.buildProvinceMapOption({ map: mapVersion, geo: geo.data, values, unit, lang, classes }), { notMerge: true });
    layoutRef.current();
    el.dataset.ready = 'true';
  }, [mod, geo.data, mapVersion, values, unit, lang, classes, points]);

  const byCode = new Map(values.map((v) => [v.code, v]));
  const collator = useMemo(() => new Intl.Collator(lang), [lang]);
  const rows = (geo.data?.features ?? [])
    .map((f) => {
      const v = byCode.get(f.properties.code);
      const value = v?.value ?? null;
      return {
        code: f.properties.code,
        name: lang === 'vi' ? f.properties.nameVi : f.properties.nameEn,
        text: v?.text ?? formatValue(value, unit, lang),
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));

  return (
    <Box>
      <ErrorAlert error={error} title={t('provinceMap.loadFailed')} />
      {showMap && (
        <Box pos="relative" style={{ height }}>
          {/* The map is a picture for pointer users; the table below carries the same content for everyone. */}
          <div
            ref={elRef}
            data-testid="province-map"
            role="img"
            aria-label={t('provinceMap.mapLabel', { title, n: geo.data?.features.length ?? Number(mapVersion) })}
            style={{ height, width: '100%', cursor: onSelect ? 'pointer' : undefined }}
          />
          {loading && (
            <Group pos="absolute" top={0} left={0} right={0} bottom={0} justify="center">
              <Loader aria-label={t('provinceMap.loading')} />
            </Group>
          )}
          {placed.map((p) => (
            // A dot per point; the list below is the accessible equivalent (the map itself is an image).
            <div
              key={p.id}
              data-testid="province-map-point"
              title={p.label}
              aria-hidden="true"
              style={{
                position: 'absolute',
                left: p.x - 5,
                top: p.y - 5,
                width: 10,
                height: 10,
                borderRadius: '50%',
                background: '#c2410c',
                border: '1.5px solid #ffffff',
                boxShadow: '0 0 0 1px #7c2d12',
                pointerEvents: 'auto',
              }}
            />
          ))}
          {overlay.map((o) => (
            <div
              key={o.key}
              aria-hidden="true"
              style={{
                position: 'absolute',
                left: o.left,
                top: o.top,
                width: o.width,
                height: o.height,
                border: '1px dashed #6b7280',
                borderRadius: 4,
                pointerEvents: 'none',
              }}
            >
              <Text
                size="xs"
                c="gray.8"
                style={{
                  position: 'absolute',
                  whiteSpace: 'nowrap',
                  left: '50%',
                  transform: 'translateX(-50%)',
                  ...(o.key === 'hoangSa' ? { top: '100%', marginTop: 2 } : { bottom: '100%', marginBottom: 2 }),
                }}
              >
                {ARCHIPELAGO_LABELS[o.key][lang]}
              </Text>
            </div>
          ))}
        </Box>
      )}
      <Group
        component="ul"
        gap="md"
        mt="xs"
        p={0}
        aria-label={t('provinceMap.legend')}
        style={{ listStyle: 'none', margin: 0 }}
        data-testid="province-map-legend"
      >
        {[...classes.map((c) => ({ colour: c.colour, label: c.label })), { colour: NO_DATA_COLOUR, label: NO_DATA_LABEL[lang] }].map(
          (r) => (
            <Group component="li" key={r.label} gap={6} wrap="nowrap">
              <span
                aria-hidden="true"
                style={{ display: 'inline-block', width: 14, height: 14, background: r.colour, border: '1px solid #6b7280' }}
              />
              <Text size="sm">{r.label}</Text>
            </Group>
          ),
        )}
      </Group>
      <details data-testid="province-map-table">
        <summary style={{ cursor: 'pointer', marginTop: 'var(--mantine-spacing-xs)' }}>
          <Text span size="sm" fw={500}>
            {t('provinceMap.table')}
          </Text>
        </summary>
        <ScrollBox minWidth={320} mah={400}>
          <Table striped stickyHeader>
            <caption style={{ textAlign: 'left', padding: '4px 0' }}>
              <Text span size="sm">
                {title}
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('provinceMap.province')}</Table.Th>
                <Table.Th scope="col">{t('provinceMap.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.code} data-code={r.code}>
                  <Table.Td>
                    {onSelect ? (
                      <Button variant="subtle" size="compact-sm" px={4} onClick={() => onSelect(r.code)}>
                        {r.name}
                      </Button>
                    ) : (
                      r.name
                    )}
                  </Table.Td>
                  <Table.Td>{r.text}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      </details>
      {points.length > 0 && (
        <details data-testid="province-map-points">
          <summary style={{ cursor: 'pointer', marginTop: 'var(--mantine-spacing-xs)' }}>
            <Text span size="sm" fw={500}>
              {pointsLabel ?? t('provinceMap.points')} ({points.length})
            </Text>
          </summary>
          <ul style={{ margin: 0 }}>
            {points.map((p) => (
              <li key={p.id}>
                <Text span size="sm">
                  {p.label}
                </Text>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Box>
  );
}
