/** The fixed list of demo jobcenters: real Kreisschlüssel, names and carriers, rounded eLb, invented rings. */
import type { Carrier, State } from '$lib/server/db/schema';

export interface DemoJobcenter {
	code: string;
	name: string;
	state: State;
	carrier: Carrier;
	elb: number;
	ring: string | null;
}

/** The jobcenter the demo account belongs to; it must always have a ring and a full dashboard. */
export const DEMO_JOBCENTER_CODE = '05754';

const BIG = 'Vergleichsring Großstädte';
const MID = 'Vergleichsring Mittelstädte';
const OPT = 'Vergleichsring Optionskommunen';
const RURAL = 'Vergleichsring Ländlicher Raum West';
const EAST = 'Vergleichsring Ost';
const EAST_ZKT = 'Vergleichsring Kommunale Jobcenter Ost';

type Row = [string, string, State, Carrier, number, string | null];

// One row per jobcenter, sorted by code; a tuple per line keeps 68 entries readable.
const ROWS: Row[] = [
	['01002', 'Jobcenter Kiel', 'SH', 'gE', 24_800, MID],
	['01003', 'Jobcenter Lübeck', 'SH', 'gE', 21_300, null],
	['01054', 'Jobcenter Kreis Nordfriesland', 'SH', 'zkT', 7_400, RURAL],
	['01058', 'Jobcenter Kreis Rendsburg-Eckernförde', 'SH', 'zkT', 11_200, RURAL],
	['03101', 'Jobcenter Braunschweig', 'NI', 'gE', 14_600, MID],
	['03159', 'Jobcenter Landkreis Göttingen', 'NI', 'zkT', 16_900, OPT],
	['03241', 'Jobcenter Region Hannover', 'NI', 'gE', 59_500, BIG],
	['03454', 'Jobcenter Landkreis Emsland', 'NI', 'zkT', 6_900, OPT],
	['03459', 'Jobcenter Landkreis Osnabrück', 'NI', 'zkT', 12_300, OPT],
	['04011', 'Jobcenter Bremen', 'HB', 'gE', 58_200, BIG],
	['04012', 'Jobcenter Bremerhaven', 'HB', 'gE', 17_800, MID],
	['05111', 'Jobcenter Düsseldorf', 'NW', 'gE', 52_400, BIG],
	['05112', 'Jobcenter Duisburg', 'NW', 'gE', 57_900, BIG],
	['05113', 'Jobcenter Essen', 'NW', 'zkT', 59_800, BIG],
	['05158', 'Jobcenter Kreis Mettmann', 'NW', 'zkT', 24_600, OPT],
	['05334', 'Jobcenter StädteRegion Aachen', 'NW', 'gE', 43_700, MID],
	['05558', 'Jobcenter Kreis Coesfeld', 'NW', 'zkT', 5_300, OPT],
	['05711', 'Jobcenter Arbeitplus Bielefeld', 'NW', 'gE', 29_500, MID],
	['05754', 'Jobcenter Kreis Gütersloh', 'NW', 'zkT', 13_100, OPT],
	['05766', 'Jobcenter Lippe', 'NW', 'zkT', 19_800, OPT],
	['05958', 'Jobcenter Hochsauerlandkreis', 'NW', 'zkT', 8_600, OPT],
	['05970', 'Jobcenter Kreis Siegen-Wittgenstein', 'NW', 'zkT', 10_400, OPT],
	['06412', 'Jobcenter Frankfurt am Main', 'HE', 'gE', 55_300, BIG],
	['06414', 'Jobcenter Wiesbaden', 'HE', 'zkT', 24_100, MID],
	['06438', 'Jobcenter Kreis Offenbach', 'HE', 'zkT', 18_700, OPT],
	['06611', 'Jobcenter Stadt Kassel', 'HE', 'gE', 19_900, MID],
	['06631', 'Jobcenter Landkreis Fulda', 'HE', 'zkT', 6_100, RURAL],
	['07111', 'Jobcenter Koblenz', 'RP', 'gE', 8_900, null],
	['07137', 'Jobcenter Landkreis Mayen-Koblenz', 'RP', 'zkT', 8_200, RURAL],
	['07315', 'Jobcenter Mainz', 'RP', 'gE', 14_100, MID],
	['07340', 'Jobcenter Landkreis Südwestpfalz', 'RP', 'zkT', 3_100, RURAL],
	['08111', 'Jobcenter Stuttgart', 'BW', 'gE', 34_800, BIG],
	['08118', 'Jobcenter Landkreis Ludwigsburg', 'BW', 'gE', 16_700, null],
	['08136', 'Jobcenter Ostalbkreis', 'BW', 'zkT', 7_300, RURAL],
	['08222', 'Jobcenter Mannheim', 'BW', 'gE', 20_400, MID],
	['08317', 'Jobcenter Ortenaukreis', 'BW', 'zkT', 10_200, RURAL],
	['09162', 'Jobcenter München', 'BY', 'gE', 58_900, BIG],
	['09182', 'Jobcenter Landkreis Miesbach', 'BY', 'zkT', 3_200, RURAL],
	['09562', 'Jobcenter Erlangen', 'BY', 'zkT', 5_200, RURAL],
	['09564', 'Jobcenter Nürnberg', 'BY', 'gE', 39_600, BIG],
	['09662', 'Jobcenter Schweinfurt', 'BY', 'zkT', 4_300, null],
	['09761', 'Jobcenter Augsburg', 'BY', 'gE', 15_800, MID],
	['10041', 'Jobcenter Regionalverband Saarbrücken', 'SL', 'gE', 36_200, MID],
	['10045', 'Jobcenter Saarpfalz-Kreis', 'SL', 'zkT', 7_600, RURAL],
	['11001', 'Jobcenter Berlin Mitte', 'BE', 'gE', 49_700, BIG],
	['11005', 'Jobcenter Berlin Spandau', 'BE', 'gE', 26_300, null],
	['11008', 'Jobcenter Berlin Neukölln', 'BE', 'gE', 47_500, BIG],
	['12052', 'Jobcenter Cottbus', 'BB', 'gE', 6_800, EAST],
	['12054', 'Jobcenter Potsdam', 'BB', 'gE', 10_300, EAST],
	['12060', 'Jobcenter Barnim', 'BB', 'zkT', 9_100, EAST_ZKT],
	['12064', 'Jobcenter Märkisch-Oderland', 'BB', 'zkT', 8_700, EAST_ZKT],
	['12065', 'Jobcenter Oberhavel', 'BB', 'zkT', 10_500, EAST_ZKT],
	['13003', 'Jobcenter Rostock', 'MV', 'gE', 14_200, EAST],
	['13004', 'Jobcenter Schwerin', 'MV', 'gE', 8_100, EAST],
	['13073', 'Jobcenter Vorpommern-Rügen', 'MV', 'zkT', 13_400, EAST_ZKT],
	['14521', 'Jobcenter Erzgebirgskreis', 'SN', 'zkT', 12_800, EAST_ZKT],
	['14612', 'Jobcenter Dresden', 'SN', 'gE', 33_900, BIG],
	['14625', 'Jobcenter Landkreis Bautzen', 'SN', 'zkT', 11_600, EAST_ZKT],
	['14713', 'Jobcenter Leipzig', 'SN', 'gE', 48_300, BIG],
	['14729', 'Jobcenter Landkreis Leipzig', 'SN', 'zkT', 9_700, EAST_ZKT],
	['15002', 'Jobcenter Halle (Saale)', 'ST', 'gE', 24_500, EAST],
	['15003', 'Jobcenter Magdeburg', 'ST', 'gE', 21_100, EAST],
	['15082', 'Jobcenter Anhalt-Bitterfeld', 'ST', 'zkT', 10_900, EAST_ZKT],
	['15089', 'Jobcenter Salzlandkreis', 'ST', 'zkT', 14_700, EAST_ZKT],
	['16051', 'Jobcenter Erfurt', 'TH', 'gE', 12_600, EAST],
	['16052', 'Jobcenter Gera', 'TH', 'gE', 7_400, null],
	['16053', 'Jobcenter Jena', 'TH', 'zkT', 4_400, null],
	['16061', 'Jobcenter Landkreis Eichsfeld', 'TH', 'zkT', 3_300, EAST_ZKT]
];

export const DEMO_JOBCENTERS: readonly DemoJobcenter[] = ROWS.map(
	([code, name, state, carrier, elb, ring]) => ({ code, name, state, carrier, elb, ring })
);
