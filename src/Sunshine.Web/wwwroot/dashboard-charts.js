// Leader dashboard: ECharts measures a chart once, when it draws it, and again only when the window resizes. A chart
// drawn while its card was still being laid out stays narrow; watching each chart's own box redraws it at the card's width.
(() => {
    const watched = new WeakSet();
    const sizes = new ResizeObserver(entries => {
        for (const entry of entries) {
            const chart = window.echarts && window.echarts.getInstanceByDom(entry.target);
            if (chart) chart.resize();
        }
    });
    const watch = () => document.querySelectorAll('.bd-chart [_echarts_instance_], .bd-chart > div').forEach(el => {
        if (!watched.has(el)) { watched.add(el); sizes.observe(el); }
    });
    new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
    watch();
})();
