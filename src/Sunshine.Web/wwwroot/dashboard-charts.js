// Leader dashboard: ECharts measures a chart once, when it draws it, and again only when the window resizes. A chart
// drawn while its card was still being laid out stays 100 px wide; after the dashboard's DOM changes (ECharts adding
// its canvas is such a change) and whenever a chart's box changes, every chart is redrawn at its card's width.
(() => {
    const resizeAll = () => {
        const charts = window.vizorECharts && window.vizorECharts.charts;
        if (charts) charts.forEach(chart => { if (!chart.isDisposed()) chart.resize(); });
    };
    let pending = 0;
    const soon = () => { clearTimeout(pending); pending = setTimeout(resizeAll, 150); };
    const watched = new WeakSet();
    const sizes = new ResizeObserver(soon);
    new MutationObserver(() => {
        const charts = document.querySelectorAll('.bd-chart');
        if (charts.length === 0) return;
        charts.forEach(el => { if (!watched.has(el)) { watched.add(el); sizes.observe(el); } });
        soon();
    }).observe(document.documentElement, { childList: true, subtree: true });
})();
