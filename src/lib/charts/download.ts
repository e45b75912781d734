/**
 * A chart on the screen as a file of its own, in the browser: its SVG layers and its HTML layers
 * (axes, dots, labels) drawn into one SVG at the positions the browser laid them out, with the
 * colours resolved from the theme, a title above and the source line below; PNG through a canvas.
 */

const PAD = 16;
const TITLE_SIZE = 16;
const SOURCE_SIZE = 11;
/** PNG at twice the screen size, sharp enough for slides and print. */
const PNG_SCALE = 2;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Presentation properties that the charts set through CSS or custom properties. */
const PAINT = [
	'fill',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'opacity',
	'fill-opacity',
	'stroke-opacity'
];

export function escapeXml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`
	);
}

export interface Frame {
	width: number;
	height: number;
	title: string;
	source: string;
	background: string;
	color: string;
	font: string;
	/** The chart's drawing, in its own pixels from its top left corner. */
	body: string;
}

/** The file around a drawing: background, title, the drawing below it, the source line at the foot. */
export function svgDocument(f: Frame): string {
	const top = PAD + TITLE_SIZE + 12;
	const width = Math.ceil(f.width + 2 * PAD);
	const height = Math.ceil(top + f.height + 12 + SOURCE_SIZE + PAD);
	return [
		`<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(f.font)}">`,
		`<title>${escapeXml(f.title)}</title>`,
		`<rect width="100%" height="100%" fill="${escapeXml(f.background)}"/>`,
		`<text x="${PAD}" y="${PAD + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="700" fill="${escapeXml(f.color)}">${escapeXml(f.title)}</text>`,
		`<g transform="translate(${PAD} ${top})">${f.body}</g>`,
		`<text x="${PAD}" y="${height - PAD}" font-size="${SOURCE_SIZE}" fill="${escapeXml(f.color)}">${escapeXml(f.source)}</text>`,
		'</svg>'
	].join('');
}

const transparent = (colour: string) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
const px = (value: string) => parseFloat(value) || 0;

/** Everything visible inside `root`, as SVG in root's pixels. */
function draw(root: HTMLElement): string {
	const base = root.getBoundingClientRect();
	const parts: string[] = [];
	const at = (r: DOMRect) => ({
		x: r.left - base.left,
		y: r.top - base.top,
		w: r.width,
		h: r.height
	});

	const visit = (el: Element) => {
		const style = getComputedStyle(el);
		if (style.display === 'none' || style.visibility === 'hidden') return;
		// The table toggle and the hidden texts for screen readers are not part of the picture.
		if (el.matches('details, .visually-hidden')) return;
		if (el instanceof SVGSVGElement) {
			parts.push(svgLayer(el, at(el.getBoundingClientRect())));
			return;
		}
		if (el instanceof HTMLElement) parts.push(box(el, style, at(el.getBoundingClientRect())));
		for (const node of el.childNodes) {
			if (node.nodeType === Node.TEXT_NODE) parts.push(...texts(node as Text, style, at));
			else if (node instanceof Element) visit(node);
		}
	};
	visit(root);
	return parts.join('');
}

/** A dot, bar or grid line of plain HTML: its background, border and outline. */
function box(
	el: HTMLElement,
	style: CSSStyleDeclaration,
	r: { x: number; y: number; w: number; h: number }
) {
	if (r.w === 0 && r.h === 0) return '';
	const out: string[] = [];
	const round =
		parseFloat(style.borderTopLeftRadius) >= Math.min(r.w, r.h) / 2 - 0.5 ||
		style.borderTopLeftRadius === '50%';
	const opacity = style.opacity === '1' ? '' : ` opacity="${style.opacity}"`;
	const shape = (inset: number, paint: string) =>
		round
			? `<ellipse cx="${r.x + r.w / 2}" cy="${r.y + r.h / 2}" rx="${r.w / 2 - inset}" ry="${r.h / 2 - inset}"${paint}${opacity}/>`
			: `<rect x="${r.x + inset}" y="${r.y + inset}" width="${Math.max(0, r.w - 2 * inset)}" height="${Math.max(0, r.h - 2 * inset)}"${paint}${opacity}/>`;
	const outline = px(style.outlineWidth);
	if (style.outlineStyle !== 'none' && outline > 0 && !transparent(style.outlineColor)) {
		const offset = px(style.outlineOffset) + outline / 2;
		out.push(
			shape(-offset, ` fill="none" stroke="${style.outlineColor}" stroke-width="${outline}"`)
		);
	}
	const border = px(style.borderTopWidth);
	const sameBorder =
		border > 0 && style.borderTopStyle !== 'none' && border === px(style.borderBottomWidth);
	if (!transparent(style.backgroundColor) || sameBorder) {
		const fill = transparent(style.backgroundColor) ? 'none' : style.backgroundColor;
		const stroke = sameBorder ? ` stroke="${style.borderTopColor}" stroke-width="${border}"` : '';
		out.push(shape(sameBorder ? border / 2 : 0, ` fill="${fill}"${stroke}`));
	} else if (border > 0 && style.borderTopStyle !== 'none') {
		// A grid line is a box with only its top border.
		const dash =
			style.borderTopStyle === 'dashed' ? ` stroke-dasharray="${3 * border} ${2 * border}"` : '';
		out.push(
			`<line x1="${r.x}" y1="${r.y + border / 2}" x2="${r.x + r.w}" y2="${r.y + border / 2}" stroke="${style.borderTopColor}" stroke-width="${border}"${dash}/>`
		);
	}
	return out.join('');
}

/** A text node as one `<text>` per line the browser broke it into. */
function texts(
	node: Text,
	style: CSSStyleDeclaration,
	at: (r: DOMRect) => { x: number; y: number; w: number; h: number }
) {
	const content = node.textContent ?? '';
	if (!content.trim()) return [];
	const range = document.createRange();
	const lines: { x: number; y: number; h: number; words: string[] }[] = [];
	for (const match of content.matchAll(/\S+/g)) {
		range.setStart(node, match.index);
		range.setEnd(node, match.index + match[0].length);
		const r = at(range.getBoundingClientRect());
		const line = lines.find((l) => Math.abs(l.y - r.y) < r.h / 2);
		if (line) line.words.push(match[0]);
		else lines.push({ x: r.x, y: r.y, h: r.h, words: [match[0]] });
	}
	const font = ` font-size="${style.fontSize}" font-weight="${style.fontWeight}" fill="${style.color}"`;
	return lines.map(
		(l) =>
			`<text x="${l.x}" y="${l.y + l.h / 2}" dominant-baseline="central"${font}>${escapeXml(l.words.join(' '))}</text>`
	);
}

/** An SVG layer, copied with its colours resolved, placed where it sits in the chart. */
function svgLayer(svg: SVGSVGElement, r: { x: number; y: number; w: number; h: number }): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [copy, ...copy.querySelectorAll('*')];
	originals.forEach((el, i) => {
		const style = getComputedStyle(el);
		const target = copies[i];
		for (const name of PAINT) {
			const value = style.getPropertyValue(name);
			if (value && (el !== svg || name === 'opacity')) target.setAttribute(name, value);
		}
		target.removeAttribute('class');
		target.removeAttribute('style');
	});
	for (const [name, value] of Object.entries({ x: r.x, y: r.y, width: r.w, height: r.h }))
		copy.setAttribute(name, String(value));
	copy.removeAttribute('aria-hidden');
	return new XMLSerializer().serializeToString(copy);
}

/** The first colour behind the chart that is not transparent: the page's, in light and dark theme alike. */
function backgroundOf(el: HTMLElement): string {
	for (let at: HTMLElement | null = el; at; at = at.parentElement) {
		const colour = getComputedStyle(at).backgroundColor;
		if (!transparent(colour)) return colour;
	}
	return '#ffffff';
}

export function chartSvg(root: HTMLElement, title: string, source: string): string {
	const style = getComputedStyle(root);
	const { width, height } = root.getBoundingClientRect();
	return svgDocument({
		width,
		height,
		title,
		source,
		background: backgroundOf(root),
		color: style.color,
		font: `${style.fontFamily}, sans-serif`,
		body: draw(root)
	});
}

export async function chartPng(svg: string): Promise<Blob> {
	const image = new Image();
	// A data: URL, which the page's img-src already allows (KERN's icons use them).
	image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = image.naturalWidth * PNG_SCALE;
	canvas.height = image.naturalHeight * PNG_SCALE;
	const context = canvas.getContext('2d')!;
	context.scale(PNG_SCALE, PNG_SCALE);
	context.drawImage(image, 0, 0);
	return new Promise((done, fail) =>
		canvas.toBlob((blob) => (blob ? done(blob) : fail(new Error('canvas'))), 'image/png')
	);
}

/** Saves a file the page made, through a temporary object URL. */
export function save(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
