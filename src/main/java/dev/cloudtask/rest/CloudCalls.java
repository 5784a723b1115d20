package dev.cloudtask.rest;

import dev.cloudtask.CloudServiceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Makes a {@link CloudServiceException} reach the caller as itself. JAX-RS implementations wrap an
 * exception thrown while reading a body (an unreadable or oversized response) in a
 * {@code ProcessingException}, and asynchronous calls add {@code CompletionException}s; the clients'
 * default methods pass their raw calls through here so callers catch one type.
 */
public final class CloudCalls {
    private CloudCalls() {
    }

    /** Runs a synchronous call, rethrowing a wrapped {@link CloudServiceException} unwrapped. */
    public static <T> T sync(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Throwable t = unwrap(e);
            if (t instanceof CloudServiceException c) {
                throw c;
            }
            throw e;
        }
    }

    /**
     * The stage of an asynchronous call, failing with the {@link CloudServiceException} itself when
     * one is anywhere in the failure's cause chain; other failures lose only their
     * {@code CompletionException}/{@code ExecutionException} wrappers.
     */
    public static <T> CompletionStage<T> async(CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    /**
     * The exception worth reporting: a {@link CloudServiceException} anywhere in the cause chain,
     * else the first cause below {@code CompletionException}/{@code ExecutionException} wrappers.
     */
    public static Throwable unwrap(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof CloudServiceException) {
                return t;
            }
        }
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
