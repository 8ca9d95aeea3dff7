package dev.sitrep.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Without login the dashboard answers only connections made to a loopback address of this
 * machine (127.0.0.1, ::1): on a server whose port also serves Slack, the dashboard stays unseen
 * from the network (reach it with an SSH tunnel or {@code kubectl port-forward}). Anything else
 * gets the same 404 as a path that does not exist.
 */
final class LoopbackOnly extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!loopback(request.getLocalAddr())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean loopback(String address) {
        // Only an address literal (the servlet container gives one): getByName then looks nothing up.
        if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
