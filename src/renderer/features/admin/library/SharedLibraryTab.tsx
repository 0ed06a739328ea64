import { useState } from 'react';
import { LibraryFile } from './LibraryFile.js';
import { TemplateLibraryEditor } from './TemplateLibraryEditor.js';

/** The shared library (leads edit it; every agent's picker reads it), and the library as a file. */
export function SharedLibraryTab() {
  // An import replaces what the editor shows: a new key loads it afresh.
  const [version, setVersion] = useState(0);
  return (
    <div className="admin-stack">
      <TemplateLibraryEditor key={version} scope="shared" />
      <LibraryFile onImported={() => setVersion((v) => v + 1)} />
    </div>
  );
}
