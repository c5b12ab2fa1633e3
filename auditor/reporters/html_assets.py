"""The HTML report's inline stylesheet and script (kept apart from the markup code so each reads on its own).

The page works without the script: filters are checkboxes that CSS ``:has()`` reads, the units table is
already sorted worst first, and every ``<details>`` opens with the keyboard. The script only adds sorting,
a live count of the findings shown, hiding of rule groups the filters emptied, and opening everything for
printing. Colours are checked for WCAG 2.2 AA contrast (text 4.5:1, graphics 3:1) on white.
"""

CSS = """
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--soft:#f4f5f7;--link:#0b4f9c;
--focus:#0b4f9c;--bar:#2f6db5;--band:#8a1c1c;--good-bg:#e4f3e8;--good:#1c4d2a;--fair-bg:#fff2cc;
--fair:#5c3d00;--low-bg:#fde3e3;--low:#7d1616;--info-bg:#e2eefa;--info:#0b4477}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;
color:var(--ink);background:#fff}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,[tabindex]:focus-visible,
.table-wrap:focus-visible{
outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999rem;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:1rem;top:1rem}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem;border-bottom:1px solid var(--line)}
.brand{margin:0;color:var(--muted);font-weight:600;letter-spacing:.02em}
h1{margin:.2rem 0 .5rem;font-size:2rem;line-height:1.2}
h2{margin:2.5rem 0 .75rem;font-size:1.5rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{margin:1.75rem 0 .5rem;font-size:1.2rem}
h4{margin:1.25rem 0 .4rem;font-size:1.05rem}
h5{margin:1rem 0 .4rem;font-size:1rem}
article{border-top:3px solid var(--ink);margin-top:2.5rem}
article>h3{font-size:1.35rem;overflow-wrap:anywhere}
nav ul{list-style:none;padding:0;margin:.5rem 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.lead{font-size:1.1rem;margin:.25rem 0 1rem}
.notes{border-left:4px solid var(--info);background:var(--info-bg);padding:.5rem 1rem;margin:1rem 0}
.notes p{margin:.25rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.75rem;margin:1rem 0;
padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;background:#fff}
.card.main{border-width:2px;border-color:var(--ink)}
.card h3{margin:0;font-size:1rem}
.card p{margin:.35rem 0 0;font-size:.92rem}
.card .how{color:var(--muted)}
.card .big{font-size:1.6rem;font-weight:700;line-height:1.2;margin:.25rem 0}
.card .big .lv{font-size:1rem}
.card .score{white-space:normal}
.score{display:inline-block;padding:0 .4em;border-radius:4px;font-weight:600;white-space:nowrap;
font-variant-numeric:tabular-nums}
.score.good{background:var(--good-bg);color:var(--good)}
.score.fair{background:var(--fair-bg);color:var(--fair)}
.score.low{background:var(--low-bg);color:var(--low)}
.score.none{background:var(--soft);color:var(--muted);font-weight:400}
.sev{display:inline-block;min-width:4.6em;text-align:center;padding:0 .4em;border-radius:4px;font-size:.85rem;
font-weight:600}
.sev.error{background:var(--low-bg);color:var(--low)}
.sev.warning{background:var(--fair-bg);color:var(--fair)}
.sev.info{background:var(--info-bg);color:var(--info)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;color:var(--link);cursor:pointer;
text-decoration:underline;text-align:inherit}
th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}
figure{margin:1rem 0 1.5rem;border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
figcaption{margin-bottom:.5rem}
figcaption strong{display:block}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit;fill:var(--ink)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:0 1rem}
details{margin:.4rem 0}
summary{cursor:pointer;padding:.2rem 0}
.group{border:1px solid var(--line);border-radius:6px;padding:.25rem .75rem}
.group>summary{font-weight:600}
.group .rule{font-weight:400;color:var(--muted)}
.findings{margin:.25rem 0 .5rem;padding-left:1.5rem}
.finding{margin:.6rem 0;padding-bottom:.5rem;border-bottom:1px dashed var(--line)}
.finding:last-child{border-bottom:0}
.finding p{margin:.2rem 0}
.where{color:var(--muted);font-size:.9rem}
blockquote.context{margin:.3rem 0;padding:.3rem .75rem;border-left:4px solid var(--line);background:var(--soft);
overflow-wrap:anywhere}
mark{background:#ffe58a;color:#000;padding:0 .1em;border-bottom:2px solid #000}
.suggestion::before{content:"\\2192  "}
.more{color:var(--muted);font-style:italic}
.filters{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0;background:var(--soft)}
.filters fieldset{display:inline-block;border:0;margin:0 1.5rem .25rem 0;padding:0}
.filters legend{font-weight:600;padding:0}
.filters label{margin-right:1rem;white-space:nowrap;display:inline-block;padding:.2rem 0}
.filters input{width:1.1rem;height:1.1rem;vertical-align:-.15rem}
.status{margin:.25rem 0 0;color:var(--muted)}
.people{padding-left:1.25rem}
.src{color:var(--muted);font-size:.9rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);color:var(--muted);
font-size:.9rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
.js-hidden{display:none!important}
body:has(#f-cat-accessibility:not(:checked)) [data-category=accessibility],
body:has(#f-cat-readability:not(:checked)) [data-category=readability],
body:has(#f-cat-language:not(:checked)) [data-category=language],
body:has(#f-cat-representation:not(:checked)) [data-category=representation],
body:has(#f-cat-other:not(:checked)) [data-category=other],
body:has(#f-sev-error:not(:checked)) [data-severity=error],
body:has(#f-sev-warning:not(:checked)) [data-severity=warning],
body:has(#f-sev-info:not(:checked)) [data-severity=info],
body:has(#f-sev-error:not(:checked)) [data-only=error],
body:has(#f-sev-warning:not(:checked)) [data-only=warning],
body:has(#f-sev-info:not(:checked)) [data-only=info]{display:none}
@media print{
 .skip,.filters,nav,th button::after{display:none!important}
 html{font-size:11pt}
 header,main,footer{max-width:none;padding:0}
 a{color:var(--ink);text-decoration:none}
 h2{break-before:page;break-after:avoid}
 h2#overview-title{break-before:auto}
 article{break-before:page}
 h3,h4,h5,summary{break-after:avoid}
 figure,.card,tr,.finding{break-inside:avoid}
 details>summary{list-style:none}
 details::details-content{content-visibility:visible;display:contents}
}
"""

JS = """
(function(){
"use strict";
var doc=document;
function all(sel,root){return Array.prototype.slice.call((root||doc).querySelectorAll(sel));}
// sortable tables: the header text becomes a button; the table starts sorted as the page says
all("table[data-sortable]").forEach(function(table){
  var heads=all("thead th",table);
  heads.forEach(function(th,col){
    var button=doc.createElement("button");
    button.type="button";
    while(th.firstChild){button.appendChild(th.firstChild);}
    th.appendChild(button);
    button.addEventListener("click",function(){
      var descending=th.getAttribute("aria-sort")==="ascending";
      heads.forEach(function(h){h.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",descending?"descending":"ascending");
      var body=table.tBodies[0];
      var rows=all("tr",body);
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute("data-sort"),y=b.cells[col].getAttribute("data-sort");
        var nx=parseFloat(x),ny=parseFloat(y),r;
        if(!isNaN(nx)&&!isNaN(ny)){r=nx-ny;}else if(isNaN(nx)!==isNaN(ny)){return isNaN(nx)?1:-1;}
        else{r=String(x).localeCompare(String(y));}
        return descending?-r:r;
      });
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
});
// filters: CSS already hides what is unchecked; here rule groups with nothing left are hidden too,
// and the number of findings shown is announced
var boxes=all(".filters input[type=checkbox]");
var status=doc.getElementById("filter-status");
function shown(el){return el.offsetParent!==null||getComputedStyle(el).display!=="none";}
function update(){
  var off={};
  boxes.forEach(function(b){if(!b.checked){off[b.value]=true;}});
  var total=0,visible=0;
  all(".group").forEach(function(group){
    var items=all(".finding",group),left=0;
    items.forEach(function(item){
      var on=!off[item.getAttribute("data-severity")]&&!off[group.getAttribute("data-category")];
      if(on){left++;}
    });
    total+=items.length;visible+=left;
    group.classList.toggle("js-hidden",left===0);
  });
  if(status){status.textContent="Showing "+visible+" of "+total+" findings.";}
}
boxes.forEach(function(b){b.addEventListener("change",update);});
update();
// printing: open every group so the locations are on paper
var opened=[];
window.addEventListener("beforeprint",function(){
  all("details:not([open])").forEach(function(d){d.open=true;opened.push(d);});
});
window.addEventListener("afterprint",function(){opened.forEach(function(d){d.open=false;});opened=[];});
})();
"""
