package org.culturalign.server;

import java.net.URI;
import org.culturalign.icl.ChrfSelector;
import org.culturalign.survey.BundledSample;

/** The bench's proxy: {@code BenchProxy UPSTREAM_URL PORT} (chrF++, k 5, system render, no keys), until killed. */
public final class BenchProxy {
    private BenchProxy() {
    }

    public static void main(String[] args) {
        ServeSettings s = ServeSettings.defaults(URI.create(args[0])).listening("127.0.0.1", Integer.parseInt(args[1]));
        ProxyServer p = ProxyServer.start(s, BundledSample.load(), new ChrfSelector(), null);
        System.out.println("bench proxy on http://127.0.0.1:" + p.port() + "/v1 -> " + args[0]);
    }
}
