// Draws one Plotly figure with a plotly.js partial bundle (dashboard/ui/plotly_chart.py mounts it through
// st.components.v2, in the page's own DOM: no iframe). Streamlit calls this function again with the same
// parentElement whenever the figure changes, so the plot is kept on parentElement and redrawn with
// Plotly.react. Bundles are loaded once per page, one after the other (each sets window.Plotly).

const REG = (window.__hcdPlotly ??= { libs: {}, chain: Promise.resolve() });

function load(bundle) {
  if (!REG.libs[bundle.name]) {
    REG.libs[bundle.name] = REG.chain = REG.chain
      .catch(() => undefined)
      .then(
        () =>
          new Promise((resolve, reject) => {
            const s = document.createElement("script");
            s.src = bundle.url;
            s.async = true;
            s.onload = () => resolve(window.Plotly);
            s.onerror = () => reject(new Error(`the chart library ${bundle.url} did not load`));
            document.head.appendChild(s);
          }),
      );
  }
  return REG.libs[bundle.name];
}

// What st.plotly_chart(on_select=...) returns for a point, so Python reads both the same way.
function pointOut(p) {
  const out = {
    curve_number: p.curveNumber,
    point_number: p.pointNumber,
    point_index: p.pointIndex ?? p.pointNumber,
    location: p.location,
    x: p.x,
    y: p.y,
    z: p.z,
    label: p.label,
    value: p.value,
    customdata: p.customdata,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined && v !== null));
}

// On a narrow screen a chart's title, legend and source wrap to more lines and take the plot's height: grow
// the figure until the plot itself has MIN_PLOT_PX, keeping the title and legend where titled() put them
// (their positions are fractions of the height: dashboard/views/layout.py set_height does the same).
const MIN_PLOT_PX = 200;
function roomToRead(P, div) {
  const full = div._fullLayout;
  if (!full || !full._size || full._size.h >= MIN_PLOT_PX) return undefined;
  const height = Math.ceil(full.height + MIN_PLOT_PX - full._size.h);
  const meta = full.meta ?? {};
  const update = { height };
  if (meta.top_px) update["legend.y"] = 1 - meta.top_px / height;
  if (meta.top_pad_px) update["title.y"] = 1 - meta.top_pad_px / height;
  div.style.height = `${height}px`;
  return P.relayout(div, update);
}

function setUp(parentElement) {
  const div = document.createElement("div");
  div.className = "hcd-plotly";
  div.style.width = "100%";
  parentElement.appendChild(div);
  const state = { div, P: null, token: 0, bound: false, trigger: null };
  state.observer = new ResizeObserver(() => {
    // only a drawn plot that is on screen (a slide being replaced is neither)
    if (!state.P || !div._fullLayout || !div.isConnected || div.offsetParent === null) return;
    Promise.resolve(state.P.Plots.resize(div)).catch(() => undefined);
  });
  state.observer.observe(parentElement instanceof ShadowRoot ? parentElement.host : parentElement);
  parentElement.__hcd = state;
  return state;
}

export default function ({ data, parentElement, setTriggerValue }) {
  const state = parentElement.__hcd ?? setUp(parentElement);
  state.trigger = setTriggerValue;
  const fig = JSON.parse(data.figure);
  const layout = fig.layout ?? {};
  state.div.style.height = `${layout.height ?? 450}px`; // the space is kept while the bundle loads
  const token = ++state.token;
  if (data.topojson) {
    // plotly.js looks here before it fetches <topojsonURL>/world_110m.json for a map
    const assets = (window.PlotlyGeoAssets ??= { topojson: {} });
    Object.assign((assets.topojson ??= {}), data.topojson);
  }
  load(data.bundle)
    .then((P) => {
      if (token !== state.token) return undefined; // a newer figure arrived meanwhile
      state.P = P;
      return P.react(state.div, fig.data ?? [], layout, data.config)
        .catch((err) => {
          // a plot squeezed to nothing by its margins on a narrow screen: once more with room for it
          if (!/axis scaling/.test(String(err?.message))) throw err;
          const height = (layout.height ?? 450) + MIN_PLOT_PX * 2;
          state.div.style.height = `${height}px`;
          return P.react(state.div, fig.data ?? [], { ...layout, height }, data.config);
        })
        .then(() => roomToRead(P, state.div));
    })
    .then(() => {
      if (token !== state.token || !data.select || state.bound) return;
      state.bound = true;
      state.div.on("plotly_click", (ev) => {
        state.trigger("select", { points: (ev?.points ?? []).map(pointOut) });
      });
    })
    .catch((err) => {
      console.warn("plotly_chart:", err);
      state.div.textContent = `This chart could not be drawn (${err.message}). Reload the page to try again.`;
    });
  return () => {
    state.observer.disconnect();
    if (state.P) state.P.purge(state.div);
    delete parentElement.__hcd;
  };
}
