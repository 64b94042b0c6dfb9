package org.ketaminefhir.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/**
 * Ingests synthetic ketamine-therapy patients as transaction bundles with 1 and then 4 clients, then runs a search mix
 * at 1 and 8 connections, and prints resources/s and latency percentiles. Talks only to the server it is given
 * (localhost by default); every loop is bounded by a count.
 *
 * <p>Arguments (all optional): {@code --url http://localhost:8080/fhir --patients 40 --warmup 5 --searches 200
 * --client local-admin --secret local-only-secret}; {@code --only ketamine} or {@code --only ehr} runs the warm-up and
 * then just that ingest (for profiling one write path), {@code --only searches} just the search mix over the courses an
 * earlier run stored; {@code --only trickle --ticks 600 --interval 1000} one EHR registration (3 resources) and a read
 * of that patient each tick, as an EHR syncing now and then with a server that is otherwise idle (for the latency a
 * request sees while the server does its idle housekeeping); {@code --scale 1000000} runs the scale test instead. The client gets its token from the server's token endpoint, as
 * any client does, and renews it before it expires.
 */
public final class Bench {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final IParser parser = FhirContext.forR4().newJsonParser();
    private final String baseUrl;
    private final Map<String, String> patientIds = new ConcurrentHashMap<>();
    private final List<String> families = new ArrayList<>();

    private final AccessToken token;

    private Bench(String baseUrl, AccessToken token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String url = options.getOrDefault("url", "http://localhost:8080/fhir");
        AccessToken token = new AccessToken(URI.create(url.replaceAll("/fhir/?$", "") + "/oauth2/token"),
                options.getOrDefault("client", "local-admin"), options.getOrDefault("secret", "local-only-secret"));
        Bench bench = new Bench(url, token);
        int patients = Integer.parseInt(options.getOrDefault("patients", "40"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        int searches = Integer.parseInt(options.getOrDefault("searches", "200"));

        System.out.printf("Server %s%n", bench.baseUrl);
        if (options.containsKey("scale")) {
            bench.scale(Integer.parseInt(options.get("scale")), patients, searches);
            return;
        }
        String only = options.getOrDefault("only", "all");
        if (!List.of("all", "ketamine", "ehr", "searches", "trickle").contains(only)) {
            throw new IllegalArgumentException("--only takes all, ketamine, ehr, searches or trickle, not " + only);
        }
        if (only.equals("trickle")) {
            bench.trickle(Integer.parseInt(options.getOrDefault("ticks", "600")),
                    Long.parseLong(options.getOrDefault("interval", "1000")));
            return;
        }
        if (only.equals("searches")) {
            bench.findStoredCourses();
            System.out.printf("-- searches over %d stored ketamine courses%n", bench.patientIds.size());
            bench.searches(searches, false);
            bench.searches(searches, true);
            return;
        }
        bench.warmUp(warmup, searches);
        if (!only.equals("ehr")) {
            bench.ingest("ingest, 1 client", patients, 1, true, SyntheticCourse::new);
            bench.ingest("ingest, 4 clients", patients, 4, true, SyntheticCourse::new);
        }
        if (!only.equals("ketamine")) {
            bench.ingest("EHR records, 4 clients", patients, 4, true, EhrRecord::new);
        }
        if (!only.equals("all")) {
            return;
        }
        bench.searches(searches, true);
    }

    /**
     * Runs every workload once, unreported, so that the server's JIT compiler has compiled each path before it is
     * measured: on a 2-core machine it otherwise takes a third of the CPU during the first minutes of the run.
     * {@code --warmup 0} skips it (the searches would have no stored patient to pick from).
     */
    private void warmUp(int patients, int searches) throws Exception {
        if (patients <= 0) {
            return;
        }
        ingest("warm-up", patients, 2, false, SyntheticCourse::new);
        ingest("warm-up", patients, 4, false, EhrRecord::new);
        searches(searches, false);
    }

    /**
     * The scale test: {@code patients} ketamine courses (the search targets), EHR records up to 10,000 resources, the
     * search mix; then EHR records up to {@code total} resources, reporting every ~50,000, and the same search mix.
     */
    private void scale(int total, int patients, int searches) throws Exception {
        int loaded = ingest("ketamine courses, 4 clients", patients, 4, true, SyntheticCourse::new);
        loaded += fill(10_000 - loaded);
        searchMix(searches, loaded);
        while (loaded < total) {
            loaded += fill(Math.min(50_000, total - loaded));
        }
        searchMix(searches, loaded);
    }

    private int fill(int resources) throws Exception {
        if (resources <= 0) {
            return 0;
        }
        int records = Math.max(1, resources / EhrRecord.RESOURCES_PER_RECORD);
        return ingest("EHR records, 4 clients", records, 4, true, EhrRecord::new);
    }

    /**
     * Runs the search mix once unreported, then measured: the first pass after a long load meets a cold JIT and cold
     * database pages, which is the load's cost rather than the search's.
     */
    private void searchMix(int searches, int loaded) throws Exception {
        System.out.printf("-- searches with %,d resources loaded (and as many audit events)%n", loaded);
        searches(searches, false);
        searches(searches, true);
    }

    /**
     * For {@code --only searches}, against a database an earlier run filled: the ketamine courses it stored, found
     * through their PHQ-9 scores, so that two server builds can be compared on the same data.
     */
    private void findStoredCourses() throws Exception {
        Set<String> subjects = new TreeSet<>();
        String page = "/Observation?code=http://loinc.org|" + SyntheticCourse.PHQ9_TOTAL + "&_elements=subject&_count=500";
        while (page != null) {
            Bundle observations = parser.parseResource(Bundle.class, get(page));
            for (Bundle.BundleEntryComponent entry : observations.getEntry()) {
                subjects.add(((Observation) entry.getResource()).getSubject().getReferenceElement().getIdPart());
            }
            Bundle.BundleLinkComponent next = observations.getLink(Bundle.LINK_NEXT);
            page = next == null ? null : next.getUrl().substring(baseUrl.length());
        }
        List<String> ids = new ArrayList<>(subjects);
        for (int from = 0; from < ids.size(); from += 100) {
            String batch = String.join(",", ids.subList(from, Math.min(ids.size(), from + 100)));
            Bundle patients = parser.parseResource(Bundle.class, get("/Patient?_id=" + batch + "&_count=500"));
            for (Bundle.BundleEntryComponent entry : patients.getEntry()) {
                Patient patient = (Patient) entry.getResource();
                patient.getIdentifier().stream()
                        .filter(identifier -> SyntheticCourse.IDENTIFIER_SYSTEM.equals(identifier.getSystem()))
                        .findFirst()
                        .ifPresent(mrn -> {
                            patientIds.put(mrn.getValue(), patient.getIdPart());
                            families.add(patient.getNameFirstRep().getFamily());
                        });
            }
        }
        if (patientIds.isEmpty()) {
            throw new IllegalStateException("No ketamine courses stored by an earlier bench run on this server");
        }
    }

    /** The search mix: each query at 1 and then 8 connections. */
    private void searches(int searches, boolean report) throws Exception {
        for (int connections : new int[] {1, 8}) {
            search("PHQ-9 series by date", connections, searches, this::phq9Series, report);
            search("heart rates by date", connections, searches, this::heartRateSeries, report);
            search("Patient by family", connections, searches, this::patientByFamily, report);
            search("$everything", connections, Math.max(10, searches / 4), this::everything, report);
            search("heart rate > 100", connections, searches, this::heartRateAbove100, report);
        }
    }

    /**
     * One client, one small write and one read per tick, the ticks {@code intervalMillis} apart (start to start). Prints
     * each minute's worst write and read, and the percentiles of the ticks after the first minute: on a server just
     * started, the first requests wait for the JIT compiler (over a second for the first write even on a database at
     * rest), which is not what this measures.
     */
    private void trickle(int ticks, long intervalMillis) throws Exception {
        Latencies writes = new Latencies();
        Latencies reads = new Latencies();
        long windowStart = System.nanoTime();
        long ticksPerMinute = 60_000 / Math.max(1, intervalMillis);
        long worstWrite = 0;
        long worstRead = 0;
        for (int tick = 0; tick < ticks; tick++) {
            long tickStart = System.nanoTime();
            EhrRecord record = new EhrRecord(ThreadLocalRandom.current().nextLong());
            String body = parser.encodeResourceToString(record.bundles().get(0));
            long t0 = System.nanoTime();
            post(body);
            long t1 = System.nanoTime();
            get("/Patient?identifier=" + SyntheticCourse.IDENTIFIER_SYSTEM + "|" + record.mrn());
            long t2 = System.nanoTime();
            if (tick >= ticksPerMinute) {
                writes.add(t1 - t0);
                reads.add(t2 - t1);
            }
            worstWrite = Math.max(worstWrite, t1 - t0);
            worstRead = Math.max(worstRead, t2 - t1);
            if (t2 - windowStart >= 60_000_000_000L || tick == ticks - 1) {
                System.out.printf("%s  ticks to %4d: worst write %7.1f ms, worst read %7.1f ms%n",
                        java.time.LocalTime.now().withNano(0), tick + 1, worstWrite / 1e6, worstRead / 1e6);
                windowStart = t2;
                worstWrite = 0;
                worstRead = 0;
            }
            long sleep = intervalMillis - (System.nanoTime() - tickStart) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
        System.out.printf("%-28s %5d req   %s  max %7.1f ms%n", "trickle write after 1 min", writes.count(),
                writes.summary(), writes.percentileMillis(100));
        System.out.printf("%-28s %5d req   %s  max %7.1f ms%n", "trickle read after 1 min", reads.count(),
                reads.summary(), reads.percentileMillis(100));
    }

    private int ingest(String label, int patients, int clients, boolean report, LongFunction<BenchPatient> workload)
            throws Exception {
        List<BenchPatient> courses = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            courses.add(workload.apply(ThreadLocalRandom.current().nextLong()));
        }
        Latencies latencies = new Latencies();
        AtomicInteger resources = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < courses.size(); i = next.getAndIncrement()) {
                    BenchPatient course = courses.get(i);
                    for (Bundle bundle : course.bundles()) {
                        String body = parser.encodeResourceToString(bundle);
                        long t0 = System.nanoTime();
                        String response = post(body);
                        latencies.add(System.nanoTime() - t0);
                        resources.addAndGet(bundle.getEntry().size());
                        remember(course, response);
                    }
                }
                return null;
            }));
        }
        awaitAll(pool, workers);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (report) {
            System.out.printf("%-28s %6d resources in %6.1f s = %7.0f resources/s   bundle %s%n",
                    label, resources.get(), seconds, resources.get() / seconds, latencies.summary());
        }
        return resources.get();
    }

    private static void awaitAll(ExecutorService pool, List<Future<?>> workers) throws Exception {
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void remember(BenchPatient course, String transactionResponse) {
        if (course instanceof EhrRecord || patientIds.containsKey(course.mrn())) {
            return;
        }
        Bundle response = parser.parseResource(Bundle.class, transactionResponse);
        String location = response.getEntryFirstRep().getResponse().getLocation();
        if (location != null && location.startsWith("Patient/")) {
            patientIds.put(course.mrn(), location.split("/")[1]);
            synchronized (families) {
                families.add(course.family());
            }
        }
    }

    private void search(String label, int connections, int requests, Supplier<String> query, boolean report)
            throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger remaining = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    String path = query.get();
                    long t0 = System.nanoTime();
                    get(path);
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        awaitAll(pool, workers);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (report) {
            System.out.printf("%-22s %2d conn %5d req %7.1f req/s   %s%n",
                    label, connections, latencies.count(), latencies.count() / seconds, latencies.summary());
        }
    }

    private String heartRateAbove100() {
        return "/Observation?code=http://loinc.org|" + SyntheticCourse.HEART_RATE + "&value-quantity=gt100&_count=50";
    }

    private String randomPatientId() {
        List<String> ids = new ArrayList<>(patientIds.values());
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private String phq9Series() {
        return "/Observation?patient=" + randomPatientId() + "&code=http://loinc.org|" + SyntheticCourse.PHQ9_TOTAL
                + "&_sort=date";
    }

    /** A patient's session vitals as a chart shows them; many matches per patient, unlike the PHQ-9 series. */
    private String heartRateSeries() {
        return "/Observation?patient=" + randomPatientId() + "&code=http://loinc.org|" + SyntheticCourse.HEART_RATE
                + "&_sort=date";
    }

    private String patientByFamily() {
        synchronized (families) {
            return "/Patient?family=" + families.get(ThreadLocalRandom.current().nextInt(families.size())) + "&_count=20";
        }
    }

    private String everything() {
        return "/Patient/" + randomPatientId() + "/$everything?_count=200";
    }

    private String post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token.value(http))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    private String get(String path) throws Exception {
        // FHIR token searches use system|code; java.net.URI wants the bar percent-encoded.
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path.replace("|", "%7C")))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token.value(http))
                .timeout(Duration.ofMinutes(1))
                .GET()
                .build();
        return send(request);
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " → " + response.statusCode()
                    + ": " + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
