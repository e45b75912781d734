import { describe, expect, it } from 'vitest';
import { svgDocument } from './download';

describe('svgDocument', () => {
	it('puts the title above and the source line below the drawing, as escaped text', () => {
		const svg = svgDocument({
			width: 400,
			height: 200,
			title: 'Follower <Facebook> & Co.',
			source: 'Quelle: Benchlearn · „Ring“',
			background: 'rgb(255, 255, 255)',
			color: 'rgb(0, 0, 0)',
			font: '"Fira Sans", sans-serif',
			body: '<path d="M0,0L1,1"/>'
		});
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="432" height="\d+"/);
		expect(svg).toContain('<title>Follower &lt;Facebook&gt; &amp; Co.</title>');
		expect(svg).toContain('font-family="&quot;Fira Sans&quot;, sans-serif"');
		const title = svg.indexOf('>Follower &lt;');
		const body = svg.indexOf('<path');
		const source = svg.indexOf('>Quelle: Benchlearn · „Ring“</text>');
		expect(title).toBeGreaterThan(0);
		expect(body).toBeGreaterThan(title);
		expect(source).toBeGreaterThan(body);
	});
});
