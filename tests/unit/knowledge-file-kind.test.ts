/** Documents are known by their first bytes (decision 0034); DOCX and XLSX by the ZIP's entries. */
import { describe, expect, it } from 'vitest';
import { checkFile, detectFileKind, zipEntryNames } from '../../src/shared/knowledge/fileKind.js';
import { docxBytes, PNG_1X1, pdfBytes, xlsxBytes } from '../support/knowledgeFiles.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('file kinds by content', () => {
  it('knows PDF, DOCX, XLSX, PNG, JPEG, GIF and WEBP', async () => {
    expect(detectFileKind(await pdfBytes())).toBe('pdf');
    expect(detectFileKind(await docxBytes())).toBe('docx');
    expect(detectFileKind(await xlsxBytes())).toBe('xlsx');
    expect(detectFileKind(PNG_1X1)).toBe('png');
    expect(detectFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(detectFileKind(Buffer.from('GIF89a\x01\x00'))).toBe('gif');
    expect(detectFileKind(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('webp');
  });

  it('knows nothing else, and no ZIP without word/ or xl/ passes for Office', async () => {
    expect(detectFileKind(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(detectFileKind(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectFileKind(Buffer.alloc(0))).toBeNull();
    // A ZIP's head with a broken directory is not a readable ZIP.
    const docx = await docxBytes();
    expect(zipEntryNames(docx.subarray(0, docx.length - 30))).toBeNull();
    expect(detectFileKind(Buffer.from('PK\x03\x04 not really'))).toBeNull();
  });

  it('refuses a file whose name, type and content disagree, naming it', async () => {
    expect(checkFile('a.docx', DOCX, await docxBytes())).toEqual({ ok: true, kind: 'docx' });
    expect(checkFile('a.docx', DOCX, await xlsxBytes())).toEqual({
      ok: false,
      message: '"a.docx" is not a Word document (DOCX): its content is an Excel workbook (XLSX)',
    });
    expect(checkFile('a.docx', 'application/pdf', await docxBytes())).toEqual({
      ok: false,
      message: '"a.docx" is declared as application/pdf, not a Word document (DOCX)',
    });
    expect(checkFile('photo.jpg', 'image/jpeg', PNG_1X1)).toEqual({
      ok: false,
      message: '"photo.jpg" is not a JPEG image: its content is a PNG image',
    });
    expect(checkFile('run.sh', 'text/plain', Buffer.from('#!/bin/sh'), ['pdf', 'png'])).toEqual({
      ok: false,
      message: '"run.sh": only PDF, PNG files may be added',
    });
  });
});
