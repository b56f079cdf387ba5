/* The omni-arb dashboard page: reads /events (Server-Sent Events) and renders tables and charts.
 * Everything from the server goes into the DOM as textContent, never as HTML. Amounts arrive as
 * exact decimal strings of raw token units and are formatted here with the token's decimals. */
/* global document, EventSource, Chart */
(function () {
  "use strict";

  const STAGES = ["sync", "evaluate", "risk", "simulate", "submit"];
  const LATENCY_EDGES = [10, 25, 50, 100, 200, 300, 500, 1000, 2000];
  const STAGE_SAMPLES = 100;

  let state;
  function reset(hello) {
    state = {
      hello,
      clockOffsetMs: hello ? hello.serverTimeMs - Date.now() : 0,
      tokens: new Map((hello ? hello.tokens : []).map((t) => [t.address.toLowerCase(), t])),
      labels: new Map(Object.entries(hello ? hello.labels : {})),
      native: hello ? hello.nativeSymbol : "ETH",
      limits: hello ? hello.limits : { decisions: 500, profitPoints: 1000, outcomes: 500, handoffs: 1000 },
      decisions: [],
      bundles: new Map(),
      profit: [],
      latencies: [],
      stages: new Map(),
      gate: null,
      quarantined: new Map(),
      totals: null,
      lastBlock: null,
      lastOpportunities: null,
      ready: false,
    };
  }
  reset(null);

  // ---- formatting -------------------------------------------------------------------------

  const usdFormat = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const intFormat = new Intl.NumberFormat("en-US");

  function formatUsd(value) {
    return value === null || value === undefined ? "-" : usdFormat.format(value);
  }

  /** "1,234.567891" from raw integer units; truncated to `maxFraction` digits, exact otherwise. */
  function formatUnits(raw, decimals, maxFraction) {
    let value = BigInt(raw);
    const negative = value < 0n;
    if (negative) value = -value;
    const scale = 10n ** BigInt(decimals);
    const whole = intFormat.format(value / scale);
    let fraction = (value % scale).toString().padStart(decimals, "0").slice(0, maxFraction);
    fraction = fraction.replace(/0+$/, "");
    return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
  }

  function shortHex(hex) {
    if (typeof hex !== "string") return "-";
    return hex.length > 14 ? hex.slice(0, 6) + "\u2026" + hex.slice(-4) : hex;
  }

  /** A token's symbol, a pool's label, or the shortened address. */
  function tokenSymbol(address) {
    const key = String(address).toLowerCase();
    const token = state.tokens.get(key);
    return token ? token.symbol : state.labels.get(key) || shortHex(address);
  }

  /** "0.012345 WETH" (truncated to 6 decimals; "<0.000001 WETH" for dust), or raw units of an unknown token. */
  function formatToken(raw, address) {
    if (raw === null || raw === undefined) return "-";
    const token = state.tokens.get(String(address).toLowerCase());
    if (!token) return intFormat.format(BigInt(raw)) + " units of " + shortHex(address);
    const text = formatUnits(raw, token.decimals, 6);
    const dust = BigInt(raw) !== 0n && /^-?0$/.test(text);
    const tiny = token.decimals > 6 ? "0." + "0".repeat(5) + "1" : "0";
    return (dust ? (BigInt(raw) < 0n ? ">-" : "<") + tiny : text) + " " + token.symbol;
  }

  function tokenFloat(raw, address) {
    const token = state.tokens.get(String(address).toLowerCase());
    return Number(raw) / 10 ** (token ? token.decimals : 0);
  }

  function formatNative(wei) {
    return wei === null || wei === undefined ? "-" : formatUnits(wei, 18, 6) + " " + state.native;
  }

  function formatMs(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) return "-";
    return ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : ms.toFixed(ms < 10 ? 1 : 0) + " ms";
  }

  /** "4.2 s", "3 min", "5 h", "2 d": how long ago, coarser as it grows. */
  function formatAge(seconds) {
    if (seconds < 10) return seconds.toFixed(1) + " s";
    if (seconds < 120) return seconds.toFixed(0) + " s";
    if (seconds < 7200) return Math.floor(seconds / 60) + " min";
    if (seconds < 172800) return Math.floor(seconds / 3600) + " h";
    return Math.floor(seconds / 86400) + " d";
  }

  function formatTime(ms) {
    return new Date(ms).toLocaleTimeString("en-GB", { hour12: false });
  }

  function plural(count, noun) {
    return intFormat.format(count) + " " + noun + (count === 1 ? "" : "s");
  }

  function quantile(values, q) {
    if (values.length === 0) return null;
    const sorted = values.slice().sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  function capped(list, limit) {
    if (list.length > limit) list.splice(0, list.length - limit);
  }

  // ---- DOM helpers (text only) ---------------------------------------------------------------

  const byId = (id) => document.getElementById(id);

  function setText(id, text) {
    const element = byId(id);
    if (element.textContent !== text) element.textContent = text;
  }

  function setPill(id, text, tone) {
    const element = byId(id);
    element.textContent = text;
    element.className = "pill" + (tone ? " pill-" + tone : "");
  }

  function cell(text, className, title) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    if (title) td.title = title;
    return td;
  }

  function pillCell(text, tone) {
    const td = document.createElement("td");
    const span = document.createElement("span");
    span.className = "pill" + (tone ? " pill-" + tone : "");
    span.textContent = text;
    td.appendChild(span);
    return td;
  }

  /** Replaces the table's rows; an empty table gets one muted row saying so. */
  function fillBody(tableId, rows, emptyText) {
    const table = byId(tableId);
    if (rows.length === 0 && emptyText) {
      const td = cell(emptyText, "muted");
      td.colSpan = table.tHead.rows[0].cells.length;
      const tr = document.createElement("tr");
      tr.className = "empty";
      tr.appendChild(td);
      rows = [tr];
    }
    table.tBodies[0].replaceChildren(...rows);
  }

  // ---- state updates ------------------------------------------------------------------------

  function bundle(key, targetBlock, atMs) {
    let entry = state.bundles.get(key);
    if (!entry) {
      entry = { key, targetBlock, atMs, attempts: [], outcome: null, handoffMs: null };
      state.bundles.set(key, entry);
      while (state.bundles.size > state.limits.outcomes) {
        state.bundles.delete(state.bundles.keys().next().value);
      }
    }
    return entry;
  }

  const handlers = {
    hello(data) {
      reset(data);
    },
    block(data) {
      state.lastBlock = data;
    },
    opportunities(data) {
      state.lastOpportunities = data;
    },
    decision(data) {
      state.decisions.push(data);
      capped(state.decisions, state.limits.decisions);
    },
    stage(data) {
      const samples = state.stages.get(data.stage) || [];
      samples.push(data.ms);
      capped(samples, STAGE_SAMPLES);
      state.stages.set(data.stage, samples);
    },
    handedOff(data) {
      state.latencies.push(data.ms);
      capped(state.latencies, state.limits.handoffs);
      const entry = state.bundles.get(data.key);
      if (entry) entry.handoffMs = data.ms;
    },
    attempt(data) {
      bundle(data.key, data.targetBlock, data.atMs).attempts.push(data);
    },
    outcome(data) {
      const entry = bundle(data.key, data.targetBlock, data.atMs);
      entry.outcome = data;
      entry.atMs = data.atMs;
    },
    quarantine(data) {
      state.quarantined.set(data.address, data);
    },
    gate(data) {
      state.gate = data;
    },
    profit(data) {
      const last = state.profit[state.profit.length - 1];
      if (last && last.block === data.block) state.profit[state.profit.length - 1] = data;
      else state.profit.push(data);
      capped(state.profit, state.limits.profitPoints);
    },
    totals(data) {
      state.totals = data;
    },
    ready() {
      state.ready = true;
    },
  };

  // ---- rendering ----------------------------------------------------------------------------

  let renderTimer = null;
  function scheduleRender() {
    if (!state.ready || renderTimer !== null) return;
    renderTimer = setTimeout(() => {
      renderTimer = null;
      render();
    }, 50);
  }

  function renderKpis() {
    const t = state.totals;
    if (!t) return;
    setText("realised-usd", formatUsd(t.realisedUsd));
    const perToken = Object.keys(t.realised).map((token) => formatToken(t.realised[token], token));
    setText("realised-tokens", perToken.length ? perToken.join(" \u00b7 ") : "no inclusions yet");

    const decided = t.included + t.notIncluded + t.failed;
    setText("success-rate", decided === 0 ? "-" : ((100 * t.included) / decided).toFixed(1) + " %");
    setText(
      "success-detail",
      decided === 0
        ? "no outcomes yet"
        : t.included +
            " of " +
            decided +
            " included \u00b7 " +
            t.notIncluded +
            " missed \u00b7 " +
            t.failed +
            " failed",
    );

    setText("opportunity-count", intFormat.format(t.opportunities));
    const o = state.lastOpportunities;
    setText(
      "opportunity-detail",
      o ? "block " + o.block + ": " + o.count + " found, best " + formatUsd(o.bestProfitUsd) : "",
    );
    setText("decision-count", intFormat.format(t.accepted) + " / " + intFormat.format(t.decisions));
    setText("decision-detail", "accepted of decided \u00b7 " + plural(t.attempts, "send attempt"));

    const p50 = quantile(state.latencies, 0.5);
    setText("latency-p50", p50 === null ? "-" : "p50 " + formatMs(p50));
    setText(
      "latency-detail",
      p50 === null
        ? "no hand-offs yet"
        : "p95 " +
            formatMs(quantile(state.latencies, 0.95)) +
            " \u00b7 " +
            state.latencies.length +
            " hand-offs",
    );
  }

  function renderHeader() {
    const block = state.lastBlock;
    setText("header-block", block ? "#" + intFormat.format(block.number) : "-");
    // The age runs from when the server saw the block, on the server's clock (corrected by the
    // offset measured at hello): never from a timestamp the page cannot trust.
    const seen = block ? block.seenAtMs : undefined;
    if (typeof seen === "number" && seen > 0 && state.hello) {
      const age = Math.max(0, (Date.now() + state.clockOffsetMs - seen) / 1000);
      setText("block-age", formatAge(age) + " ago");
    } else {
      setText("block-age", "");
    }
  }

  function renderGate() {
    const gate = state.gate;
    if (!gate) return;
    setPill("breaker-state", gate.breakerOpen ? "OPEN" : "CLOSED", gate.breakerOpen ? "bad" : "good");
    setPill("kill-switch-state", gate.killSwitch ? "ENGAGED" : "OFF", gate.killSwitch ? "bad" : "good");
    setText("gate-reason", gate.reason || "-");
    const list = byId("quarantine-list");
    const entries = [...state.quarantined.values()].reverse();
    setText("quarantine-count", String(entries.length));
    if (entries.length === 0) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = "nothing quarantined";
      list.replaceChildren(li);
      return;
    }
    list.replaceChildren(
      ...entries.map((q) => {
        const li = document.createElement("li");
        const kind = document.createElement("span");
        kind.className = "pill pill-warn";
        kind.textContent = q.kind;
        const address = document.createElement("span");
        address.className = "mono";
        address.textContent = " " + (q.kind === "token" ? tokenSymbol(q.address) : shortHex(q.address)) + " ";
        address.title = q.address;
        const reason = document.createElement("span");
        reason.className = "muted";
        reason.textContent = q.reason;
        li.append(kind, address, reason);
        return li;
      }),
    );
  }

  function renderStages() {
    const names = STAGES.concat([...state.stages.keys()].filter((s) => !STAGES.includes(s)));
    fillBody(
      "stage-table",
      names.map((name) => {
        const samples = state.stages.get(name) || [];
        const tr = document.createElement("tr");
        tr.append(
          cell(name),
          cell(samples.length ? formatMs(samples[samples.length - 1]) : "-", "num"),
          cell(formatMs(quantile(samples, 0.5)), "num"),
          cell(formatMs(quantile(samples, 0.95)), "num"),
        );
        return tr;
      }),
    );
  }

  const OUTCOME_TONE = { included: "good", "not-included": "warn", failed: "bad" };

  function outcomeDetail(o) {
    if (o.kind === "included") return "block " + o.blockNumber + " \u00b7 tx " + shortHex(o.txHash);
    return o.reason + (o.detail ? ": " + o.detail : "");
  }

  function renderOutcomes() {
    const rows = [...state.bundles.values()].reverse().map((b) => {
      const o = b.outcome;
      const tr = document.createElement("tr");
      tr.dataset.key = b.key;
      tr.dataset.outcome = o ? o.kind : "pending";
      const sent = b.attempts.filter((a) => a.state === "sent").length;
      const relays = b.attempts.map((a) => a.relay + " " + a.state + (a.error ? " (" + a.error + ")" : ""));
      const realised = o && o.realisedProfit !== null ? o.realisedProfit : null;
      tr.append(
        cell(formatTime(b.atMs)),
        cell(shortHex(b.key), "mono", b.key),
        cell(b.targetBlock, "num"),
        o
          ? pillCell(o.kind === "not-included" ? "not included" : o.kind, OUTCOME_TONE[o.kind])
          : pillCell("pending"),
        cell(o ? outcomeDetail(o) : "in flight", "wrap", o && o.txHash ? o.txHash : undefined),
        cell(o ? formatToken(o.predictedProfit, o.profitToken) : "-", "num"),
        cell(
          realised === null ? "-" : formatToken(realised, o.profitToken),
          "num" + (realised === null ? "" : BigInt(realised) < 0n ? " neg" : " pos"),
          realised === null ? undefined : realised + " raw units",
        ),
        cell(o ? formatUsd(o.realisedProfitUsd) : "-", "num"),
        cell(o ? formatNative(o.gasCostWei) : "-", "num"),
        cell(b.attempts.length + (b.attempts.length ? " (" + sent + " sent)" : ""), "num", relays.join("\n")),
      );
      return tr;
    });
    fillBody("outcomes-table", rows, "no bundles yet");
  }

  function renderDecisions() {
    const rows = state.decisions
      .slice()
      .reverse()
      .map((d) => {
        const tr = document.createElement("tr");
        tr.dataset.code = d.code;
        tr.append(
          cell(formatTime(d.atMs)),
          cell(String(d.block), "num"),
          pillCell(d.code, d.accepted ? "good" : d.code.startsWith("SIM_") ? "bad" : "warn"),
          cell(d.path.map(tokenSymbol).join(" \u2192 "), "", d.path.join(" \u2192 ")),
          cell(formatToken(d.profit, d.profitToken), "num", d.profit + " raw units"),
          cell(formatUsd(d.profitUsd), "num"),
          cell(d.message, "wrap"),
        );
        return tr;
      });
    fillBody("decisions-table", rows, "no decisions yet");
  }

  // ---- charts -------------------------------------------------------------------------------

  const COLORS = ["#4cc2ff", "#3fb97f", "#e5a740", "#c78bff", "#f0616d"];
  const PROFIT_X = { title: { display: true, text: "block" }, ticks: { maxTicksLimit: 8 } };
  const PROFIT_Y = { title: { display: true, text: "USD" }, beginAtZero: true };
  let profitChart = null;
  let latencyChart = null;

  function makeCharts() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.color = "#8796a5";
    Chart.defaults.borderColor = "#26313c";
    Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
    profitChart = new Chart(byId("profit-chart"), {
      type: "line",
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        elements: { point: { radius: 0 }, line: { tension: 0, borderWidth: 2 } },
        scales: {
          x: PROFIT_X,
          y: PROFIT_Y,
        },
        plugins: {
          legend: { labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? "block " + items[0].label : ""),
              label: (item) => {
                const value = item.dataset.tooltipValues[item.dataIndex];
                return item.dataset.label === "USD" ? "USD: " + formatUsd(value) : value;
              },
            },
          },
        },
      },
    });
    latencyChart = new Chart(byId("latency-chart"), {
      type: "bar",
      data: {
        labels: latencyLabels(),
        datasets: [{ label: "hand-offs", data: [], backgroundColor: "#4cc2ff", borderRadius: 3 }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: "ms from block header" } },
          y: { title: { display: true, text: "count" }, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { display: false } },
      },
    });
  }

  function latencyLabels() {
    const labels = ["<" + LATENCY_EDGES[0]];
    for (let i = 1; i < LATENCY_EDGES.length; i++)
      labels.push(LATENCY_EDGES[i - 1] + "\u2013" + LATENCY_EDGES[i]);
    labels.push("\u2265" + LATENCY_EDGES[LATENCY_EDGES.length - 1]);
    return labels;
  }

  function renderCharts() {
    const canvas = byId("profit-chart");
    canvas.dataset.points = String(state.profit.length);
    const lastPoint = state.profit[state.profit.length - 1];
    canvas.dataset.lastUsd = lastPoint ? String(lastPoint.usd) : "";
    const latencyCanvas = byId("latency-chart");
    latencyCanvas.dataset.samples = String(state.latencies.length);
    if (!profitChart) return;

    // USD on the left axis; each profit token on its own scale (tokens differ by orders of
    // magnitude), shown on the right only when there is a single token.
    const tokens = [];
    for (const point of state.profit)
      for (const t of Object.keys(point.tokens)) if (!tokens.includes(t)) tokens.push(t);
    profitChart.data.labels = state.profit.map((p) => p.block);
    profitChart.data.datasets = [
      {
        label: "USD",
        yAxisID: "y",
        data: state.profit.map((p) => p.usd),
        tooltipValues: state.profit.map((p) => p.usd),
        borderColor: COLORS[0],
        backgroundColor: "rgba(76, 194, 255, 0.12)",
        fill: true,
      },
      ...tokens.map((token, i) => ({
        label: tokenSymbol(token),
        yAxisID: "token-" + i,
        data: state.profit.map((p) =>
          p.tokens[token] === undefined ? 0 : tokenFloat(p.tokens[token], token),
        ),
        tooltipValues: state.profit.map((p) =>
          formatToken(p.tokens[token] === undefined ? "0" : p.tokens[token], token),
        ),
        borderColor: COLORS[(i + 1) % COLORS.length],
        borderDash: [5, 4],
        fill: false,
      })),
    ];
    const scales = { x: PROFIT_X, y: PROFIT_Y };
    tokens.forEach((token, i) => {
      scales["token-" + i] = {
        position: "right",
        display: tokens.length === 1,
        beginAtZero: true,
        title: { display: true, text: tokenSymbol(token) },
        grid: { display: false },
      };
    });
    profitChart.options.scales = scales;
    profitChart.update("none");

    const counts = new Array(LATENCY_EDGES.length + 1).fill(0);
    for (const ms of state.latencies) {
      let bin = LATENCY_EDGES.findIndex((edge) => ms < edge);
      if (bin === -1) bin = LATENCY_EDGES.length;
      counts[bin] += 1;
    }
    latencyChart.data.datasets[0].data = counts;
    latencyChart.update("none");
  }

  function render() {
    renderHeader();
    renderKpis();
    renderGate();
    renderStages();
    renderOutcomes();
    renderDecisions();
    renderCharts();
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  }

  // ---- connection ---------------------------------------------------------------------------

  function connect() {
    const source = new EventSource("/events");
    source.onopen = () => setPill("conn-state", "live", "good");
    source.onerror = () => setPill("conn-state", "reconnecting", "warn");
    for (const name of Object.keys(handlers)) {
      source.addEventListener(name, (event) => {
        handlers[name](JSON.parse(event.data));
        scheduleRender();
      });
    }
  }

  makeCharts();
  connect();
  setInterval(() => {
    if (state.ready) renderHeader();
  }, 1000);
})();
