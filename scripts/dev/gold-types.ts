// The shape of fixtures/hangzhou-2021-q3.gold.json (see fixtures/GOLD.md), for the dev scripts that read it.
export interface GoldIndicator {
  name: string;
  target: string;
  current: string;
  rate: string;
  line: number;
}

export interface GoldTask {
  section: string;
  group: string;
  no: number;
  rate: string;
  owner: string;
  title: string;
  start_line: number;
  end_line: number;
  items: { title: string; rate: string; indicators: GoldIndicator[] }[];
}
