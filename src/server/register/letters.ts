/**
 * Letters to the customer from the type's letter template (decision 0035): PDF (pdfkit with DejaVu
 * Sans, which has Cyrillic) and DOCX (docx). The template is plain text with placeholders;
 * paragraphs are split on blank lines. A type without a template gets a short default letter.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { CustomerLanguage } from '../../shared/register/customerText.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');

export const DEFAULT_LETTER: Readonly<Record<CustomerLanguage, string>> = {
  en: 'Dear {customer},\n\nYour request #{number} "{subject}" is {status}. We will answer by {deadline}.\n\nYours sincerely,\nCustomer service',
  ru: 'Уважаемый(ая) {customer}!\n\nВаше обращение № {number} «{subject}»: {status}. Срок ответа — до {deadline}.\n\nС уважением,\nСлужба заботы о клиентах',
};

export interface Letter {
  /** The heading line (e.g. "Request #17 — 7 December 2026"). */
  title: string;
  /** The filled template. */
  body: string;
}

function paragraphs(body: string): string[][] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim() !== ''));
}

export function letterPdf(letter: Letter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: letter.title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // One font for the whole letter: the heading is set larger, not bold, so the PDF embeds a single
    // font (smaller, and its text reads back through one ToUnicode map).
    doc.registerFont('body', FONT);
    doc.font('body').fontSize(15).text(letter.title);
    doc.moveDown();
    doc.font('body').fontSize(11);
    for (const lines of paragraphs(letter.body)) {
      doc.text(lines.join('\n'));
      doc.moveDown();
    }
    doc.end();
  });
}

export function letterDocx(letter: Letter): Promise<Buffer> {
  const document = new Document({
    title: letter.title,
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: letter.title, bold: true, size: 28 })] }),
          ...paragraphs(letter.body).map(
            (lines) =>
              new Paragraph({
                spacing: { before: 200 },
                children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
              }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
