package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoopbackOnlyTest {

    @Test
    void aConnectionToALoopbackAddressGetsThrough() throws Exception {
        for (String local : new String[] {"127.0.0.1", "127.0.1.1", "0:0:0:0:0:0:0:1", "::1"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = run(local, chain);
            assertThat(chain.getRequest()).as(local).isNotNull();
            assertThat(response.getStatus()).as(local).isEqualTo(200);
        }
    }

    @Test
    void aConnectionToAnyOtherAddressGetsTheSame404AsAMissingPage() throws Exception {
        for (String local : new String[] {"10.0.0.7", "192.168.1.20", "fe80::1", "0.0.0.0", "", "localhost"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = run(local, chain);
            assertThat(chain.getRequest()).as(local).isNull();
            assertThat(response.getStatus()).as(local).isEqualTo(404);
        }
    }

    private static MockHttpServletResponse run(String localAddress, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/incidents");
        request.setLocalAddr(localAddress);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new LoopbackOnly().doFilter(request, response, chain);
        return response;
    }
}
