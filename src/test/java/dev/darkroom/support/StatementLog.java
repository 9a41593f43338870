package dev.darkroom.support;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts what goes to the database, honestly: the data source is wrapped, and every execution of a statement (a
 * JDBC batch counts once, with its rows) is written down with the thread that sent it. A test switches it on with
 * {@code @Property(name = "statement-log", value = "true")} and looks at the statements of its own thread, so the
 * dispatcher's and the scheduler's work on other threads do not blur the count.
 */
@Singleton
@Requires(property = "statement-log", value = "true")
// First of the data source's listeners, so that it sees the pool itself: Micronaut Data's own listener wraps the
// pool in its contextual data source, and the order among listeners of equal rank is not fixed from build to build.
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StatementLog implements BeanCreatedEventListener<DataSource> {

    /** One round trip: its SQL, and how many rows a batch carried (1 for a single execution). */
    public record Execution(String sql, boolean batch, int rows, Thread thread) {
        public boolean is(String verb, String table) {
            String text = sql.toLowerCase(Locale.ROOT).replace("\"", "");
            return text.startsWith(verb.toLowerCase(Locale.ROOT)) && text.matches("(?s).*\\b" + table + "\\b.*");
        }
    }

    private final List<Execution> executions = new CopyOnWriteArrayList<>();

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource real = event.getBean();
        if (!(real instanceof HikariDataSource)) {
            // Only the pool itself: Micronaut's contextual data source hands out the pool's connections, and a
            // second wrapper around it would count every statement twice or call itself.
            return real;
        }
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = invoke(real, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    /** The statements sent from the calling thread since the last {@link #clear()}. */
    public List<Execution> ofThisThread() {
        Thread me = Thread.currentThread();
        return executions.stream().filter(e -> e.thread() == me).toList();
    }

    public List<Execution> all() {
        return List.copyOf(executions);
    }

    public void clear() {
        executions.clear();
    }

    private Connection connection(Connection real) {
        return proxy(Connection.class, (self, method, args) -> {
            Object result = invoke(real, method, args);
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                return statement(statement, (String) args[0]);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement real, String sql) {
        int[] added = {0};
        return proxy(PreparedStatement.class, (self, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch") && (args == null || args.length == 0)) {
                added[0]++;
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                executions.add(new Execution(sql, true, added[0], Thread.currentThread()));
                added[0] = 0;
            } else if ((name.equals("executeQuery") || name.equals("executeUpdate") || name.equals("execute")
                    || name.equals("executeLargeUpdate")) && (args == null || args.length == 0)) {
                executions.add(new Execution(sql, false, 1, Thread.currentThread()));
            }
            return invoke(real, method, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
