import { Hono } from 'hono';

/**
 * `/docs`: a self-contained page that reads /openapi.json and lists every operation with its
 * parameters and schemas. No CDN script (the API's CSP and offline use), no build step.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Pulsepoint API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1a1a1a}
h1{margin-bottom:.2rem}details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.6rem;overflow:auto}
.m{display:inline-block;min-width:4.5rem;font-weight:600}.get{color:#0a6}.post{color:#06c}.patch{color:#a60}.delete{color:#c22}
</style></head><body>
<h1>Pulsepoint API</h1>
<p>Authenticate with <code>Authorization: Bearer &lt;token or pp_live_ API key&gt;</code>. Errors are
<code>{"error":{"code","message","details?"}}</code>. Machine-readable spec: <a href="/openapi.json">/openapi.json</a>.</p>
<div id="ops">Loading…</div>
<script>
fetch('/openapi.json').then(r=>r.json()).then(doc=>{
  const root=document.getElementById('ops');root.textContent='';
  for(const [path,item] of Object.entries(doc.paths)){
    for(const [method,op] of Object.entries(item)){
      const d=document.createElement('details');const s=document.createElement('summary');
      const m=document.createElement('span');m.className='m '+method;m.textContent=method.toUpperCase();
      s.append(m,' ',path,' — ',op.summary||'');d.append(s);
      const pre=document.createElement('pre');
      pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      d.append(pre);root.append(d);
    }
  }
  const c=document.createElement('details');c.innerHTML='<summary>Schemas</summary>';
  const pre=document.createElement('pre');pre.textContent=JSON.stringify(doc.components&&doc.components.schemas,null,2);
  c.append(pre);root.append(c);
}).catch(e=>{document.getElementById('ops').textContent='Could not load /openapi.json: '+e});
</script></body></html>`;

export function docsRoutes() {
  return new Hono().get('/docs', (c) => c.html(PAGE));
}
