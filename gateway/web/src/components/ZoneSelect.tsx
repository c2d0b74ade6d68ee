import { useMemo } from 'react';
import { allZones } from '../lib/time';

/** Every IANA zone the browser knows, grouped by region, with the current value kept even if unknown. */
export function ZoneSelect({ id, value, onChange, testId = 'zone' }: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  testId?: string;
}) {
  const groups = useMemo(() => {
    const zones = allZones();
    if (!zones.includes(value)) zones.unshift(value);
    const byRegion = new Map<string, string[]>();
    for (const zone of zones) {
      const region = zone.includes('/') ? zone.split('/')[0] : 'Other';
      byRegion.set(region, [...(byRegion.get(region) ?? []), zone]);
    }
    return [...byRegion.entries()];
  }, [value]);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} required>
      {groups.map(([region, zones]) => (
        <optgroup key={region} label={region}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>{zone.replace(/_/g, ' ')}</option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
