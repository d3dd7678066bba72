package dev.promptops.server.console;

/**
 * What every page's layout needs: its title, who is signed in (null on the sign-in and error pages
 * of a visitor), and the session's CSRF token for the forms it holds.
 */
public record Page(String title, String user, String csrf) {
  public static Page anonymous(String title) {
    return new Page(title, null, "");
  }

  public boolean signedIn() {
    return user != null;
  }
}
