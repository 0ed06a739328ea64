/** The widget's CSS, scoped by its shadow root; `:host { all: initial }` keeps the site's styles out. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; }
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.launcher { border: 0; border-radius: 24px; padding: 12px 20px; background: #1f5fd1; color: #fff; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25); }
.launcher.unread::after { content: ""; display: inline-block; width: 10px; height: 10px; margin-left: 8px; border-radius: 50%; background: #ffbf47; }
.panel { display: flex; flex-direction: column; width: min(360px, calc(100vw - 40px)); height: min(520px, calc(100vh - 40px)); background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0, 0, 0, 0.3); overflow: hidden; }
.panel[hidden] { display: none; }
.head { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px; background: #1f5fd1; color: #fff; }
.head h2 { margin: 0; font-size: 16px; font-weight: 600; }
.close { border: 0; background: transparent; color: #fff; font-size: 22px; line-height: 1; padding: 4px 8px; border-radius: 6px; }
.log { flex: 1; overflow-y: auto; padding: 12px; background: #f6f7f9; }
.log ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; background: #fff; align-self: flex-start; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.08); }
.msg.mine { align-self: flex-end; background: #dbe7fb; }
.msg.pending { opacity: 0.7; }
.msg.failed { background: #fde2e1; }
.author { display: block; font-size: 12px; font-weight: 600; color: #4a5568; }
.text { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.meta { display: block; margin-top: 2px; font-size: 11px; color: #4a5568; }
.status { margin: 0; padding: 4px 12px; font-size: 12px; color: #4a5568; min-height: 1.4em; }
.status:empty { display: none; }
.composer { border-top: 1px solid #e2e8f0; padding: 8px 12px 12px; }
textarea { width: 100%; resize: none; border: 1px solid #cbd5e0; border-radius: 8px; padding: 8px; font: inherit; color: inherit; }
.row { display: flex; align-items: center; justify-content: space-between; margin-top: 6px; }
.counter { font-size: 12px; color: #4a5568; }
.counter.near { color: #b42318; }
.send { border: 0; border-radius: 8px; padding: 8px 16px; background: #1f5fd1; color: #fff; }
.send:disabled { background: #a0aec0; cursor: default; }
.csat { padding: 8px 12px; border-top: 1px solid #e2e8f0; } .csat[hidden] { display: none; } .csat p { margin: 0; font-size: 13px; } .csat button { min-width: 40px; border: 1px solid #1f5fd1; border-radius: 8px; padding: 6px 0; background: #fff; color: #1f5fd1; } .csat button[hidden] { display: none; }
.menu { margin: 8px 0; } .menu[hidden] { display: none; } .menu p { margin: 0 0 6px; }
.topics { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.topics button { border: 1px solid #1f5fd1; border-radius: 16px; padding: 4px 12px; background: #fff; color: #1f5fd1; }
.topics button[aria-pressed="true"] { background: #1f5fd1; color: #fff; }
.answer { white-space: pre-wrap; } .answer[hidden] { display: none; }
.typing { margin: 0; padding: 0 12px; font-size: 12px; color: #4a5568; min-height: 1.2em; }
.attach { display: inline-flex; align-items: center; margin-left: auto; margin-right: 8px; padding: 6px 8px; border-radius: 8px; cursor: pointer; }
.attach:focus-within { outline: 3px solid #ffbf47; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
